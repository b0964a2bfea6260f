package org.gauzy.bridge.workspace;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a list's filters and sort keys become in SQL: only the list's own templates and columns, which the
 * query's {@link GauzyQuery.Shape} let through, and the values bound as parameters, never written into it.
 */
final class ListSql {

    private ListSql() {}

    /**
     * Appends {@code and <template>} for each filter whose template the list gives (null: none, such as the
     * tenant and organization, which scope every query already); the template's {@code %s} becomes
     * {@code = :fN} for one value and {@code in (:fN)} for a list. {@code typed} turns a field's text into
     * the value bound, or refuses it with a 400.
     */
    static void filters(
            Map<String, List<String>> filters,
            Function<String, @Nullable String> template,
            BiFunction<String, String, @Nullable Object> typed,
            StringBuilder where,
            Map<String, @Nullable Object> params) {
        int n = 0;
        for (var filter : filters.entrySet()) {
            String sql = template.apply(filter.getKey());
            if (sql == null) {
                continue;
            }
            String param = "f" + n++;
            List<@Nullable Object> values = filter.getValue().stream()
                    .map(v -> typed.apply(filter.getKey(), v))
                    .toList();
            where.append(" and ").append(sql.formatted(values.size() == 1 ? "= :" + param : "in (:" + param + ")"));
            params.put(param, values.size() == 1 ? values.get(0) : values);
        }
    }

    /** A page of rows and how many match in all. */
    record Rows<T>(List<T> rows, long total) {}

    /**
     * Counts the rows {@code from} (a {@code from … where …} clause) selects, then reads the page of them in the
     * order asked, else in {@code fallback}.
     *
     * <p>{@code pinned} are columns the clause holds at one value, in the order of an index that begins with
     * them and continues with {@code fallback}'s columns. They lead the {@code order by}, where they change
     * nothing, because H2 walks an index in order only for an {@code order by} that begins with the index's
     * first columns; otherwise it reads every matching row and sorts them to return a page. PostgreSQL drops
     * such keys from the order by itself.
     */
    static <T> Rows<T> page(
            JdbcClient jdbc,
            String columns,
            CharSequence from,
            Map<String, @Nullable Object> params,
            List<GauzyQuery.Sort> order,
            Map<String, String> sorts,
            String fallback,
            List<String> pinned,
            int skip,
            int take,
            RowMapper<T> mapper) {
        long total = jdbc.sql("select count(*)" + from)
                .params(params)
                .query(Long.class)
                .single();
        var paged = new java.util.LinkedHashMap<>(params);
        paged.put("skip", skip);
        paged.put("take", take);
        List<T> rows = jdbc.sql(pageQuery(columns, from, order, sorts, fallback, pinned))
                .params(paged)
                .query(mapper)
                .list();
        return new Rows<>(rows, total);
    }

    /** The query of one page, with {@code :skip} and {@code :take} to bind. */
    static String pageQuery(
            String columns,
            CharSequence from,
            List<GauzyQuery.Sort> order,
            Map<String, String> sorts,
            String fallback,
            List<String> pinned) {
        String leading = pinned.isEmpty() ? "" : String.join(", ", pinned) + ", ";
        return "select " + columns + from + " order by " + leading + orderBy(order, sorts, fallback)
                + " offset :skip rows fetch next :take rows only";
    }

    /** The sort keys' columns with their directions and the id last, so that a page's order is stable. */
    private static String orderBy(List<GauzyQuery.Sort> order, Map<String, String> columns, String fallback) {
        if (order.isEmpty()) {
            return fallback;
        }
        var sql = new StringBuilder();
        order.forEach(sort -> sql.append(columns.get(sort.field())).append(sort.ascending() ? " asc, " : " desc, "));
        return sql.append("id").toString();
    }
}
