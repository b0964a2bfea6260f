package org.gauzy.bridge.workspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gauzy's list conventions: {@code where[field]=} or a JSON {@code where}, {@code relations[0]=x},
 * {@code relations=a,b} or a JSON array, {@code take}, {@code skip}, {@code withDeleted}. A field or
 * relation the list does not know is a 400 that names it: nothing is ignored silently and nothing
 * reaches SQL but known names. {@code tenantId} and {@code organizationId} were checked by the tenant
 * guard; the tenant always comes from the token.
 */
record GauzyQuery(Map<String, String> where, Set<String> relations, Paging paging, boolean withDeleted) {

    static final int DEFAULT_TAKE = 100;
    static final int MAX_TAKE = 1000;
    private static final Set<String> SCOPE_FIELDS = Set.of("tenantId", "organizationId");

    static GauzyQuery parse(HttpServletRequest request, JsonMapper json, Set<String> whereFields,
            Set<String> relationNames) {
        var where = new LinkedHashMap<String, String>();
        String jsonWhere = request.getParameter("where");
        if (jsonWhere != null && !jsonWhere.isBlank()) {
            JsonNode node = parseJson(json, jsonWhere, "where");
            if (!node.isObject()) {
                throw new ApiException.BadRequest("where must be a JSON object");
            }
            node.properties().forEach(e -> where.put(e.getKey(), scalar("where." + e.getKey(), e.getValue())));
        }
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("where[") && name.endsWith("]") && values.length > 0) {
                where.put(name.substring(6, name.length() - 1), values[0]);
            }
        });
        for (String field : where.keySet()) {
            if (!SCOPE_FIELDS.contains(field) && !whereFields.contains(field)) {
                throw new ApiException.BadRequest("Unknown where field '" + field + "'; this list filters on "
                        + new TreeSet<>(union(whereFields, SCOPE_FIELDS)));
            }
        }
        Set<String> relations = relations(request, json);
        for (String relation : relations) {
            if (!relationNames.contains(relation)) {
                throw new ApiException.BadRequest("Unknown relation '" + relation + "'; this list can load "
                        + new TreeSet<>(relationNames));
            }
        }
        int skip = Paging.count("skip", request.getParameter("skip"), 0, Integer.MAX_VALUE, 0);
        int take = Paging.count("take", request.getParameter("take"), 1, MAX_TAKE, DEFAULT_TAKE);
        return new GauzyQuery(where, relations, new Paging(skip, take),
                "true".equalsIgnoreCase(request.getParameter("withDeleted")));
    }

    @Nullable String whereValue(String field) {
        return where.get(field);
    }

    boolean loads(String relation) {
        return relations.contains(relation);
    }

    /**
     * Every form Gauzy's lists take for TypeORM's {@code relations} ({@code FindOptionsRelations}): a name
     * list ({@code relations=a,b}, {@code relations[0]=a}), a JSON array of names, a JSON object
     * ({@code {"user": true}}, nested {@code {"user": {"role": true}}}) and its bracket form
     * ({@code relations[user]=true}, {@code relations[user][role]=true}). A nested relation is named with
     * dots ({@code user.role}); {@code false} leaves a relation out.
     */
    private static Set<String> relations(HttpServletRequest request, JsonMapper json) {
        var out = new LinkedHashSet<String>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("relations") && !name.startsWith("relations[")) {
                return;
            }
            List<String> path = bracketPath(name.substring("relations".length()));
            for (String value : values) {
                String v = value.trim();
                if (path.isEmpty() || path.equals(List.of("")) || path.get(0).matches("\\d+")) {
                    if (v.startsWith("[") || v.startsWith("{")) {
                        addJson(out, "", parseJson(json, v, "relations"));
                    } else {
                        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
                    }
                } else if (isTrue(v, name)) {
                    out.add(String.join(".", path));
                }
            }
        });
        return out;
    }

    /** {@code [user][role]} as its names ({@code []}, qs's array form, as one empty name); else a 400 naming it. */
    private static List<String> bracketPath(String brackets) {
        var path = new ArrayList<String>();
        var matcher = java.util.regex.Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(brackets);
        int at = 0;
        while (matcher.find() && matcher.start() == at) {
            path.add(matcher.group(1));
            at = matcher.end();
        }
        boolean arrayForm = path.equals(List.of(""));
        if (at != brackets.length() || (!arrayForm && path.stream().anyMatch(String::isEmpty))) {
            throw new ApiException.BadRequest("relations" + brackets + " is not a relation: use relations[name]=true "
                    + "or relations[0]=name");
        }
        return path;
    }

    private static boolean isTrue(String value, String name) {
        if (value.equalsIgnoreCase("true") || value.isEmpty()) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ApiException.BadRequest(name + " must be true or false");
    }

    private static void addJson(Set<String> out, String prefix, JsonNode node) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isString()) {
                    throw new ApiException.BadRequest("relations[" + i + "] must be a relation name");
                }
                out.add(prefix + node.get(i).asString());
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                JsonNode value = e.getValue();
                if (value.isObject()) {
                    addJson(out, prefix + e.getKey() + ".", value);
                } else if (value.isBoolean()) {
                    if (value.asBoolean()) {
                        out.add(prefix + e.getKey());
                    }
                } else {
                    throw new ApiException.BadRequest("relations." + prefix + e.getKey() + " must be true, false or an "
                            + "object of relations");
                }
            });
        } else {
            throw new ApiException.BadRequest("relations must be names, a JSON array of names or a JSON object");
        }
    }

    private static JsonNode parseJson(JsonMapper json, String text, String name) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest(name + " is not valid JSON");
        }
    }

    private static String scalar(String name, JsonNode value) {
        if (value.isObject() || value.isArray()) {
            throw new ApiException.BadRequest(name + " must be a single value");
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }
}
