package org.gauzy.bridge.identity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The permissions of each role, as this node last read them, under the role's count of permission
 * changes. Every request reads that count with its session, and the count moves in the transaction
 * that changes a permission: a change counts on the next request, on every node, while a request
 * whose role is unchanged reads none of its hundred or so permission rows.
 */
@Component
class RolePermissions {

    static final int MAX_ROLES = 10_000;

    private record Key(UUID role, long version) {}

    private final RoleRepository roles;
    private final ConcurrentHashMap<Key, Set<Permission>> known = new ConcurrentHashMap<>();

    RolePermissions(RoleRepository roles) {
        this.roles = roles;
    }

    Set<Permission> of(UUID tenant, UUID role, long version) {
        var key = new Key(role, version);
        Set<Permission> permissions = known.get(key);
        if (permissions != null) {
            return permissions;
        }
        Set<Permission> enabled = EnumSet.noneOf(Permission.class);
        roles.permissions(tenant, role).stream()
                .filter(RoleRepository.RolePermission::enabled)
                .forEach(p -> enabled.add(p.permission()));
        permissions = Collections.unmodifiableSet(enabled);
        known.keySet().removeIf(k -> k.role().equals(role) && k.version() < version);
        if (known.size() >= MAX_ROLES) {
            known.clear();
        }
        known.put(key, permissions);
        return permissions;
    }
}
