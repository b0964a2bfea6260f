package org.gauzy.bridge.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users of the caller's tenant, for this module's {@code /api/user} and for other modules (employees):
 * one place that creates a member with a role and organizations, and enforces who may grant what.
 */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final RoleRepository roles;
    private final OrganizationRepository organizations;
    private final MembershipRepository memberships;
    private final AuthService auth;
    private final SecretTokens secrets;
    private final Clock clock;

    UserAccounts(
            UserRepository users,
            RoleRepository roles,
            OrganizationRepository organizations,
            MembershipRepository memberships,
            AuthService auth,
            SecretTokens secrets,
            Clock clock) {
        this.users = users;
        this.roles = roles;
        this.organizations = organizations;
        this.memberships = memberships;
        this.auth = auth;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Adds a user to the caller's tenant with a role (EMPLOYEE unless named) as a member of the given
     * organizations (the request's organization when none). Without a password the user gets an
     * unguessable one and cannot sign in until an admin sets one.
     */
    @Transactional
    public UserView createMember(
            RequestContext context,
            UserDetails details,
            @Nullable String password,
            @Nullable UUID roleId,
            @Nullable RoleName roleName,
            Collection<UUID> organizationIds) {
        UUID tenant = context.tenant();
        var role = role(context, roleId, roleName == null && roleId == null ? RoleName.EMPLOYEE : roleName);
        Set<UUID> targets = new LinkedHashSet<>(organizationIds);
        if (targets.isEmpty() && context.organizationId() != null) {
            targets.add(context.organizationId());
        }
        for (UUID organization : targets) {
            boolean allowed = context.memberships().contains(organization)
                    || (context.seesAllOrganizations(true) && organizations.exists(tenant, organization));
            if (!allowed) {
                throw new ApiException.Forbidden(
                        "You cannot add users to organization " + organization + ": you do not belong to it");
            }
        }
        UUID first = targets.isEmpty() ? null : targets.iterator().next();
        var user =
                auth.newUser(details, password != null ? password : secrets.generate("", 24), tenant, role.id(), first);
        for (UUID organization : targets) {
            memberships.insert(new MembershipRepository.Membership(
                    UUID.randomUUID(), tenant, user.id(), organization, true, user.createdAt()));
        }
        return UserView.of(user, role.name());
    }

    /** Changes the details sent (null means keep) and, when given, the role. */
    @Transactional
    public UserView update(
            RequestContext context,
            UUID userId,
            UserChanges changes,
            @Nullable UUID roleId,
            @Nullable RoleName roleName) {
        UUID tenant = context.tenant();
        var u = users.find(tenant, userId).orElseThrow(() -> new ApiException.NotFound("User", userId));
        RoleName current = roleOf(tenant, u);
        RoleOrder.requireNotOutranked(context, current, "change");
        var role = roleId == null && roleName == null ? null : role(context, roleId, roleName);
        if (current == RoleName.SUPER_ADMIN && role != null && role.name() != RoleName.SUPER_ADMIN) {
            requireAnotherSuperAdmin(tenant, u.id());
        }
        var updated = new UserRepository.User(
                u.id(),
                u.tenantId(),
                role == null ? u.roleId() : role.id(),
                changes.email() == null ? u.email() : AuthService.normalizeEmail(changes.email()),
                changes.firstName() == null ? u.firstName() : changes.firstName(),
                changes.lastName() == null ? u.lastName() : changes.lastName(),
                changes.imageUrl() == null ? u.imageUrl() : changes.imageUrl(),
                changes.preferredLanguage() == null ? u.preferredLanguage() : changes.preferredLanguage(),
                u.passwordHash(),
                u.isActive(),
                u.lastOrganizationId(),
                u.createdAt(),
                OffsetDateTime.now(clock));
        try {
            users.update(updated);
        } catch (DuplicateKeyException taken) {
            throw new ApiException.Conflict("A user with this email already exists");
        }
        return UserView.of(
                updated,
                role != null
                        ? role.name()
                        : updated.roleId() == null
                                ? null
                                : roles.find(tenant, updated.roleId())
                                        .map(RoleRepository.Role::name)
                                        .orElse(null));
    }

    /** Users of the tenant by id. */
    @Transactional(readOnly = true)
    public Map<UUID, UserView> find(UUID tenant, Collection<UUID> ids) {
        Map<UUID, RoleName> roleNames = roles.list(tenant).stream()
                .collect(Collectors.toMap(RoleRepository.Role::id, RoleRepository.Role::name));
        List<UserRepository.User> found = users.findAll(tenant, ids);
        return found.stream()
                .map(u -> UserView.of(u, u.roleId() == null ? null : roleNames.get(u.roleId())))
                .collect(Collectors.toMap(UserView::id, Function.identity()));
    }

    private RoleRepository.Role role(RequestContext context, @Nullable UUID roleId, @Nullable RoleName name) {
        UUID tenant = context.tenant();
        RoleRepository.Role role;
        if (roleId != null) {
            role = roles.find(tenant, roleId).orElseThrow(() -> new ApiException.NotFound("Role", roleId));
        } else if (name != null) {
            role = roles.find(tenant, name).orElseThrow(() -> new ApiException.NotFound("Role", name));
        } else {
            throw new ApiException.BadRequest("Name the role: roleId or role");
        }
        RoleOrder.requireGrantable(context, role.name());
        return role;
    }

    /**
     * Refuses (403) when the user's role is above the caller's: what other modules check before they change
     * or remove something of a user (an employee's record).
     */
    @Transactional(readOnly = true)
    public void requireMayManage(RequestContext context, UUID userId) {
        UUID tenant = context.tenant();
        var u = users.find(tenant, userId).orElseThrow(() -> new ApiException.NotFound("User", userId));
        RoleName current = roleOf(tenant, u);
        RoleOrder.requireNotOutranked(context, current, "change");
    }

    /**
     * Refuses (409) to take away the last active SUPER_ADMIN of a tenant: someone must always be able to
     * manage it.
     */
    private void requireAnotherSuperAdmin(UUID tenant, UUID leaving) {
        var superAdmin = roles.find(tenant, RoleName.SUPER_ADMIN);
        long others = superAdmin
                .map(r -> users.countActiveWithRole(tenant, r.id(), leaving))
                .orElse(0L);
        if (others == 0) {
            throw new ApiException.Conflict(
                    "This is the tenant's last active SUPER_ADMIN: make another user SUPER_ADMIN first");
        }
    }

    private @Nullable RoleName roleOf(UUID tenant, UserRepository.User u) {
        return u.roleId() == null
                ? null
                : roles.find(tenant, u.roleId()).map(RoleRepository.Role::name).orElse(null);
    }
}
