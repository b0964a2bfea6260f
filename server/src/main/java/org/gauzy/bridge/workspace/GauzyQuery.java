package org.gauzy.bridge.workspace;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gauzy's list conventions, as its {@code BaseQueryDTO} takes them (TypeORM's find options in a query string;
 * ever-gauzy {@code packages/core/src/lib/core/crud/pagination-params.ts} at 09bd0bc5): {@code where},
 * {@code relations} and {@code order}, each in qs's bracket form ({@code where[user][email]=…},
 * {@code relations[0]=user}, {@code relations[user]=true}, {@code order[createdAt]=DESC}) or as JSON
 * ({@code where={"status":["open"]}}); then {@code take}, {@code skip} and {@code withDeleted}.
 * <p>
 * Both forms become one tree first, as Express's qs builds it, so that a bracket query and its JSON twin mean
 * the same. A list value in {@code where} is TypeORM's {@code In}. Every name is checked against the list's
 * {@link Shape}: an unknown field, relation or sort key is a 400 that names it and lists what the list knows;
 * nothing is ignored silently and nothing reaches SQL but known names. {@code tenantId} and
 * {@code organizationId} were checked by the tenant guard; the tenant always comes from the token.
 */
record GauzyQuery(
        Map<String, List<String>> where, Set<String> relations, List<Sort> order, Paging paging, boolean withDeleted) {

    static final int DEFAULT_TAKE = 100;
    static final int MAX_TAKE = 1000;
    static final int MAX_DEPTH = 3;
    static final int MAX_FIELDS = 50;
    static final int MAX_LIST = 100;
    static final int MAX_SORTS = 5;
    private static final Set<String> SCOPE_FIELDS = Set.of("tenantId", "organizationId");
    private static final Pattern BRACKET = Pattern.compile("\\[([^\\[\\]]*)]");

    /**
     * What a list understands: the fields it filters on (a relation's field with a dot, {@code user.email}),
     * those of them that take a list, the relations it can load and the fields it sorts by.
     */
    record Shape(Set<String> filters, Set<String> listFilters, Set<String> relations, Set<String> sorts) {

        static final Shape NONE = new Shape(Set.of(), Set.of(), Set.of(), Set.of());

        static Shape relationsOnly(Set<String> relations) {
            return new Shape(Set.of(), Set.of(), relations, Set.of());
        }
    }

    /** One sort key: a field of the shape's and its direction. */
    record Sort(String field, boolean ascending) {}

    static GauzyQuery parse(HttpServletRequest request, JsonMapper json, Shape shape) {
        var where = where(tree(request, json, "where"), shape);
        var relations = relations(tree(request, json, "relations"), shape);
        var order = order(tree(request, json, "order"), shape);
        int skip = Paging.count("skip", request.getParameter("skip"), 0, Integer.MAX_VALUE, 0);
        int take = Paging.count("take", request.getParameter("take"), 1, MAX_TAKE, DEFAULT_TAKE);
        String withDeleted = request.getParameter("withDeleted");
        if (withDeleted != null && !withDeleted.isBlank() && !withDeleted.trim().matches("(?i)true|false")) {
            throw new ApiException.BadRequest("withDeleted must be true or false");
        }
        return new GauzyQuery(
                where,
                relations,
                order,
                new Paging(skip, take),
                "true".equalsIgnoreCase(withDeleted == null ? null : withDeleted.trim()));
    }

    /** The one value a field was filtered on; null when it was not. */
    @Nullable
    String whereValue(String field) {
        List<String> values = where.get(field);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean loads(String relation) {
        return relations.contains(relation);
    }

    // ---- One tree from both forms -------------------------------------------------------------------------

    /**
     * The parameter {@code root} as qs would build it: its JSON or comma-list value, then every
     * {@code root[a][b]…} parameter set into it. A list element is {@code [0]}, {@code [1]}, … or {@code []},
     * and only at the end; a repeated name is a list.
     */
    private static @Nullable JsonNode tree(HttpServletRequest request, JsonMapper json, String root) {
        JsonNode tree = null;
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.equals(root) && !name.startsWith(root + "[")) {
                continue;
            }
            List<String> path = path(root, name);
            for (String raw : parameter.getValue()) {
                String value = raw.trim();
                if (path.isEmpty()) {
                    tree = merge(tree, whole(json, root, value), root);
                } else {
                    tree = set(tree == null ? JsonNodeFactory.instance.objectNode() : tree, path, value, root);
                }
            }
        }
        return tree;
    }

    /** {@code where[user][email]} as {@code [user, email]}; a 400 naming it when it is not brackets. */
    private static List<String> path(String root, String name) {
        String brackets = name.substring(root.length());
        var path = new ArrayList<String>();
        Matcher m = BRACKET.matcher(brackets);
        int at = 0;
        while (m.find() && m.start() == at) {
            path.add(m.group(1));
            at = m.end();
        }
        if (at != brackets.length()) {
            throw new ApiException.BadRequest(name + " is not a " + root + " parameter: use " + root + "[name]=value");
        }
        if (path.size() > MAX_DEPTH + 1) {
            throw new ApiException.BadRequest(name + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        for (int i = 0; i < path.size() - 1; i++) {
            if (isIndex(path.get(i))) {
                throw new ApiException.BadRequest(name + ": a list index may only come last");
            }
        }
        return path;
    }

    private static boolean isIndex(String segment) {
        return segment.isEmpty() || segment.matches("\\d{1,3}");
    }

    /** {@code where={…}} and {@code relations=[…]} are JSON; {@code relations=a,b} a list of names. */
    private static JsonNode whole(JsonMapper json, String root, String value) {
        if (value.startsWith("{") || value.startsWith("[")) {
            try {
                return json.readTree(value);
            } catch (RuntimeException malformed) {
                throw new ApiException.BadRequest(root + " is not valid JSON");
            }
        }
        if (root.equals("relations")) {
            ArrayNode names = JsonNodeFactory.instance.arrayNode();
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            return names;
        }
        if (value.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        throw new ApiException.BadRequest(root + " must be a JSON object or given as " + root + "[name]=value");
    }

    private static JsonNode set(JsonNode tree, List<String> path, String value, String root) {
        if (path.size() == 1 && isIndex(path.get(0))) {
            // relations[0]=user, relations[]=user: the root itself is a list
            ArrayNode list = tree instanceof ArrayNode a
                    ? a
                    : tree.isEmpty() ? JsonNodeFactory.instance.arrayNode() : conflict(root);
            list.add(value);
            return list;
        }
        if (!(tree instanceof ObjectNode object)) {
            return conflict(root);
        }
        ObjectNode at = object;
        String name = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String key = path.get(i);
            name += "[" + key + "]";
            boolean lastKey = i == path.size() - 2 && isIndex(path.get(i + 1));
            JsonNode next = at.get(key);
            if (lastKey) {
                if (next == null) {
                    at.set(key, JsonNodeFactory.instance.arrayNode().add(value));
                } else if (next instanceof ArrayNode list) {
                    list.add(value);
                } else if (next.isValueNode()) {
                    at.set(
                            key,
                            JsonNodeFactory.instance
                                    .arrayNode()
                                    .add(next.asString())
                                    .add(value));
                } else {
                    return conflict(name);
                }
                return tree;
            }
            if (next == null) {
                next = JsonNodeFactory.instance.objectNode();
                at.set(key, next);
            }
            if (!(next instanceof ObjectNode child)) {
                return conflict(name);
            }
            at = child;
        }
        String key = path.get(path.size() - 1);
        JsonNode existing = at.get(key);
        if (existing == null) {
            at.put(key, value);
        } else if (existing instanceof ArrayNode list) {
            list.add(value);
        } else if (existing.isValueNode()) {
            at.set(
                    key,
                    JsonNodeFactory.instance
                            .arrayNode()
                            .add(existing.asString())
                            .add(value));
        } else {
            return conflict(name + "[" + key + "]");
        }
        return tree;
    }

    private static JsonNode merge(@Nullable JsonNode tree, JsonNode whole, String root) {
        if (tree == null) {
            return whole;
        }
        if (tree instanceof ObjectNode object && whole instanceof ObjectNode more) {
            more.properties().forEach(e -> {
                if (object.has(e.getKey())) {
                    conflict(root + "." + e.getKey());
                }
                object.set(e.getKey(), e.getValue());
            });
            return object;
        }
        if (tree instanceof ArrayNode list && whole instanceof ArrayNode more) {
            list.addAll(more);
            return list;
        }
        return conflict(root);
    }

    private static <T> T conflict(String name) {
        throw new ApiException.BadRequest(
                name + " is given in two forms that do not fit together (a value, a list or an object): send one");
    }

    // ---- What the tree means ------------------------------------------------------------------------------

    private static Map<String, List<String>> where(@Nullable JsonNode tree, Shape shape) {
        var where = new LinkedHashMap<String, List<String>>();
        if (tree == null) {
            return where;
        }
        if (!tree.isObject()) {
            throw new ApiException.BadRequest("where must be an object of fields");
        }
        flatten(tree, "", 1, where);
        if (where.size() > MAX_FIELDS) {
            throw new ApiException.BadRequest("where has more than " + MAX_FIELDS + " fields");
        }
        for (var filter : where.entrySet()) {
            String field = filter.getKey();
            if (SCOPE_FIELDS.contains(field)) {
                continue;
            }
            if (!shape.filters().contains(field)) {
                var known = new TreeSet<>(shape.filters());
                known.addAll(SCOPE_FIELDS);
                throw new ApiException.BadRequest("Unknown where field '" + field + "'; this list filters on " + known);
            }
            if (filter.getValue().size() != 1 && !shape.listFilters().contains(field)) {
                throw new ApiException.BadRequest("where field '" + field + "' takes one value");
            }
        }
        return where;
    }

    private static void flatten(JsonNode node, String prefix, int depth, Map<String, List<String>> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                continue; // TypeORM leaves a null condition out
            }
            if (value.isObject()) {
                if (depth >= MAX_DEPTH) {
                    throw new ApiException.BadRequest(
                            "where." + field + " is nested deeper than " + MAX_DEPTH + " levels");
                }
                flatten(value, field + ".", depth + 1, out);
            } else if (value.isArray()) {
                if (value.isEmpty() || value.size() > MAX_LIST) {
                    throw new ApiException.BadRequest("where." + field + " must list 1 to " + MAX_LIST + " values");
                }
                var values = new ArrayList<String>();
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isValueNode() || value.get(i).isNull()) {
                        throw new ApiException.BadRequest("where." + field + "[" + i + "] must be a value");
                    }
                    values.add(value.get(i).asString());
                }
                out.put(field, values);
            } else {
                out.put(field, List.of(value.asString()));
            }
        }
    }

    /**
     * TypeORM's {@code FindOptionsRelations}: a list of names, or an object of {@code true}/{@code false} and
     * nested objects. A nested relation is named with dots ({@code user.role}).
     */
    private static Set<String> relations(@Nullable JsonNode tree, Shape shape) {
        var relations = new LinkedHashSet<String>();
        if (tree != null) {
            addRelations(tree, "", relations);
        }
        for (String relation : relations) {
            if (!shape.relations().contains(relation)) {
                throw new ApiException.BadRequest(
                        "Unknown relation '" + relation + "'; this list can load " + new TreeSet<>(shape.relations()));
            }
        }
        return relations;
    }

    private static void addRelations(JsonNode node, String prefix, Set<String> out) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isString() || node.get(i).asString().isBlank()) {
                    throw new ApiException.BadRequest("relations[" + i + "] must be a relation name");
                }
                out.add(prefix + node.get(i).asString().trim());
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode value = e.getValue();
                String name = prefix + e.getKey();
                if (value.isObject()) {
                    if (name.chars().filter(c -> c == '.').count() >= MAX_DEPTH - 1) {
                        throw new ApiException.BadRequest("relations." + name + " is nested too deep");
                    }
                    addRelations(value, name + ".", out);
                } else if (isTrue(value, "relations." + name)) {
                    out.add(name);
                }
            }
        } else {
            throw new ApiException.BadRequest("relations must be names, a JSON array of names or a JSON object");
        }
    }

    private static boolean isTrue(JsonNode value, String name) {
        String text = value.isValueNode() ? value.asString().trim().toLowerCase(Locale.ROOT) : "?";
        return switch (text) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw new ApiException.BadRequest(name + " must be true or false, or an object of relations");
        };
    }

    /**
     * TypeORM's {@code FindOptionsOrder}: a field's direction ({@code ASC}, {@code DESC} in any case, {@code 1},
     * {@code -1}), or an object with {@code direction}; a relation's fields nested ({@code order[user][email]}).
     */
    private static List<Sort> order(@Nullable JsonNode tree, Shape shape) {
        var order = new ArrayList<Sort>();
        if (tree == null) {
            return order;
        }
        if (!tree.isObject()) {
            throw new ApiException.BadRequest(
                    "order must be an object of fields and directions, such as order[createdAt]=DESC");
        }
        addSorts(tree, "", order, shape);
        if (order.size() > MAX_SORTS) {
            throw new ApiException.BadRequest("order has more than " + MAX_SORTS + " fields");
        }
        return order;
    }

    private static void addSorts(JsonNode node, String prefix, List<Sort> out, Shape shape) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String field = prefix + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject() && !value.has("direction")) {
                if (field.chars().filter(c -> c == '.').count() >= MAX_DEPTH - 1) {
                    throw new ApiException.BadRequest("order." + field + " is nested too deep");
                }
                addSorts(value, field + ".", out, shape);
                continue;
            }
            if (!shape.sorts().contains(field)) {
                throw new ApiException.BadRequest(
                        "Unknown order field '" + field + "'; this list sorts by " + new TreeSet<>(shape.sorts()));
            }
            JsonNode direction = value.isObject() ? value.get("direction") : value;
            out.add(new Sort(field, ascending(direction, field)));
        }
    }

    private static boolean ascending(JsonNode direction, String field) {
        String text = direction.isValueNode() ? direction.asString().trim().toLowerCase(Locale.ROOT) : "?";
        return switch (text) {
            case "asc", "ascending", "1" -> true;
            case "desc", "descending", "-1" -> false;
            default -> throw new ApiException.BadRequest("order." + field + " must be ASC or DESC");
        };
    }
}
