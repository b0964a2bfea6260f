package org.gauzy.bridge.workspace;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    private static Set<String> relations(HttpServletRequest request, JsonMapper json) {
        var out = new LinkedHashSet<String>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.equals("relations") || name.startsWith("relations[")) {
                for (String value : values) {
                    String v = value.trim();
                    if (v.startsWith("[")) {
                        parseJson(json, v, "relations").forEach(r -> out.add(r.asString()));
                    } else {
                        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
                    }
                }
            }
        });
        return out;
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
