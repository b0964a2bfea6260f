package org.gauzy.bridge.identity;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A kind of record that a route's path names, for routes declared {@link OrganizationFrom#PATH}. The module
 * that owns the records provides one bean per kind; the permission check finds the record in the caller's
 * tenant through it, and checks its organization, before any handler runs, so that no handler can forget to.
 */
public interface PathRecord {

    /** The name a route's declaration uses ({@code record = "task"}). */
    String kind();

    /** What an answer calls it: {@code Task}. */
    String label();

    /** The path variable that holds the record's id. */
    default String variable() {
        return "id";
    }

    /** The record's organization, if the caller's tenant has the record; a tenant-wide record has none. */
    Optional<Owner> find(RequestContext caller, UUID id);

    /**
     * A kind whose records are rows of one table: {@code sql} selects the organization id of the row with
     * {@code :id} in {@code :tenant} (a null organization: tenant-wide), and no row when there is none.
     */
    static PathRecord inTable(String kind, String label, String variable, JdbcClient jdbc, String sql) {
        return of(
                kind,
                label,
                variable,
                (caller, id) -> jdbc.sql(sql)
                        .param("tenant", caller.tenant())
                        .param("id", id)
                        .query((rs, n) -> new Owner(rs.getObject(1, UUID.class)))
                        .optional());
    }

    /** A kind found by {@code finder}. */
    static PathRecord of(
            String kind, String label, String variable, BiFunction<RequestContext, UUID, Optional<Owner>> finder) {
        return new PathRecord() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public String variable() {
                return variable;
            }

            @Override
            public Optional<Owner> find(RequestContext caller, UUID id) {
                return finder.apply(caller, id);
            }
        };
    }

    /** Where a record belongs within its tenant. */
    record Owner(@Nullable UUID organizationId) {

        public static Owner tenantWide() {
            return new Owner(null);
        }
    }
}
