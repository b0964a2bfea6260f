package org.gauzy.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A digest of every table's rows, by table: taken before and after requests that must change nothing,
 * so that a refused request which still wrote something fails even when its status looks right.
 */
public final class DatabaseState {

    /** Tables that workers write on their own, whatever a request does. */
    private static final Set<String> BACKGROUND =
            Set.of("webhook_event", "webhook_delivery", "webhook_attempt", "automation_watch", "flyway_schema_history");

    private DatabaseState() {}

    public static Map<String, String> of(JdbcClient jdbc) {
        var tables = jdbc.sql("select lower(table_name) from information_schema.tables"
                        + " where lower(table_schema) = 'public' and table_type in ('BASE TABLE', 'TABLE')")
                .query(String.class)
                .list();
        assertThat(tables).contains("task", "organization", "oauth_client");
        var out = new TreeMap<String, String>();
        for (String table : tables) {
            if (BACKGROUND.contains(table)) {
                continue;
            }
            List<String> rows = jdbc.sql("select * from " + table)
                    .query((rs, n) -> {
                        var row = new StringBuilder();
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                            row.append(rs.getString(c)).append('\u0001');
                        }
                        return row.toString();
                    })
                    .list();
            out.put(table, rows.size() + ":" + digest(rows.stream().sorted().toList()));
        }
        return out;
    }

    private static String digest(List<String> rows) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> sha.update(row.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
