package org.gauzy.bridge.platform;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps every node of one database on the same keys. Nodes are stateless only if each can verify the tokens
 * another signed and open the secrets another sealed; a node that generated its own key into its data folder,
 * or was given another, would answer 401s and fail to decrypt at random. The first node records a fingerprint
 * of each key (never the key); a node whose key differs refuses to start and says which setting to align.
 */
@Component
public class KeyAgreement {

    private static final Logger log = LoggerFactory.getLogger(KeyAgreement.class);

    private final JdbcClient jdbc;
    private final boolean replace;
    private final Clock clock;

    KeyAgreement(JdbcClient jdbc, @Value("${gauzy.replace-keys:false}") boolean replace, Clock clock) {
        this.jdbc = jdbc;
        this.replace = replace;
        this.clock = clock;
    }

    /**
     * Records the key's fingerprint, or checks it against the one recorded.
     *
     * @param name which key ({@code jwt-signing-key})
     * @param setting the environment variable that sets it, for the message
     * @param fingerprint a one-way fingerprint of the key, safe to store and to show
     * @throws IllegalStateException when the other nodes use another key
     */
    public void require(String name, String setting, String fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (replace) {
            int replaced = jdbc.sql("update key_fingerprint set fingerprint = :fingerprint, recorded_at = :now"
                            + " where name = :name and fingerprint <> :fingerprint")
                    .param("fingerprint", fingerprint)
                    .param("now", now)
                    .param("name", name)
                    .update();
            if (replaced > 0) {
                log.warn(
                        "Replaced the recorded {} (GAUZY_REPLACE_KEYS): nodes with the old key will refuse to start",
                        setting);
            }
        }
        jdbc.sql("insert into key_fingerprint (name, fingerprint, recorded_at) values (:name, :fingerprint, :now)"
                        + " on conflict do nothing")
                .param("name", name)
                .param("fingerprint", fingerprint)
                .param("now", now)
                .update();
        String recorded = jdbc.sql("select fingerprint from key_fingerprint where name = :name")
                .param("name", name)
                .query(String.class)
                .single();
        if (!recorded.equals(fingerprint)) {
            throw new IllegalStateException(setting + ": this node's key (fingerprint " + abbreviate(fingerprint)
                    + ") is not the one the other nodes on this database use (" + abbreviate(recorded)
                    + "). Give every node the same " + setting + ". To replace the key on purpose, stop every node"
                    + " and start one with GAUZY_REPLACE_KEYS=true.");
        }
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) + "…" : fingerprint;
    }
}
