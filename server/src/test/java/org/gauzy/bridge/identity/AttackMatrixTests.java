package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.gauzy.bridge.support.Accounts;
import org.gauzy.bridge.support.Accounts.Account;
import org.gauzy.bridge.support.Api;
import org.gauzy.bridge.support.ApiTest;
import org.gauzy.bridge.support.DatabaseState;
import org.gauzy.bridge.support.OAuthGrants;
import org.gauzy.bridge.support.PageJar;
import org.gauzy.bridge.support.Routes;
import org.gauzy.bridge.support.Routes.Route;
import org.gauzy.bridge.support.TestSandbox;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The attack matrix, generated from the application's own route list: every {@code /api} route, and every page
 * form post, is sent another tenant's and another organization's ids in every place a request can carry one (the
 * path, the headers, the query, {@code where} in brackets and as JSON, the body flat and nested), by an app token of
 * each single scope and a first-party sign-in of each role. What each cell must answer is worked out from the
 * route's declaration alone ({@link EndpointDeclarationTests#APP_ACCESS}, its permission, {@link OrganizationFrom}):
 * a refusal (403), a record hidden as absent (404), or a pass. A refused or hidden cell that changed a row fails
 * even when its status looks right; a route missing from the declaration table fails too.
 *
 * <p>The roles are Gauzy's, with two made sharper for the purpose: CANDIDATE holds every permission except the
 * organization-wide ones (a powerful member of one organization), and VIEWER also holds ALL_ORG_VIEW (sees every
 * organization, may change none). Everyone but the owner belongs to the first organization only.
 */
abstract class AttackMatrixTests extends ApiTest {

    static final List<String> SCOPES = AppTokenMatrixTests.SCOPES;
    static final List<String> ROLES = List.of("ADMIN", "MANAGER", "DATA_ENTRY", "EMPLOYEE", "VIEWER", "CANDIDATE");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<PathRecord> records;

    /** What a record of each kind is called in an answer. */
    Map<String, String> labels;

    enum Verdict {
        REFUSED,
        HIDDEN,
        PASSES
    }

    /** Who calls: an app token of one scope, or a sign-in of one role; with what they hold. */
    record Caller(
            String name,
            String token,
            @Nullable String scope,
            Set<Permission> permissions,
            Set<UUID> memberships,
            @Nullable Account account) {

        boolean app() {
            return scope != null;
        }

        boolean seesAll(boolean write) {
            return permissions.contains(Permission.ALL_ORG_EDIT)
                    || (!write && permissions.contains(Permission.ALL_ORG_VIEW));
        }
    }

    /** Where an attack puts the foreign id, and whether the id is another tenant's or another organization's. */
    enum Position {
        PATH,
        TENANT_HEADER,
        TENANT_PARAMETER,
        TENANT_WHERE,
        TENANT_JSON_WHERE,
        ORGANIZATION_HEADER,
        ORGANIZATION_PARAMETER,
        ORGANIZATION_WHERE,
        ORGANIZATION_JSON_WHERE,
        BODY_FLAT,
        BODY_NESTED
    }

    record Attack(Position position, boolean otherTenant) {

        boolean inBody() {
            return position == Position.BODY_FLAT || position == Position.BODY_NESTED;
        }

        @Override
        public String toString() {
            return (otherTenant ? "another tenant's id" : "another organization's id") + " in " + position;
        }
    }

    Account owner;
    Account stranger;
    UUID otherOrganization;
    final List<Caller> callers = new ArrayList<>();
    /** Records by kind, in the caller's own organization, another organization of the tenant, and another tenant. */
    final Map<String, String> own = new HashMap<>();

    final Map<String, String> inOtherOrganization = new HashMap<>();
    final Map<String, String> inOtherTenant = new HashMap<>();
    Map<String, Function<Account, String>> makers;
    Map<Route, HandlerMethod> handlers;

    @BeforeEach
    void world() {
        owner = accounts.onboard("matrix");
        otherOrganization = accounts.addOrganization(owner, "Matrix elsewhere");
        stranger = accounts.onboard("matrix-stranger");
        handlers = handlers();
        labels = records.stream().collect(java.util.stream.Collectors.toMap(PathRecord::kind, PathRecord::label));

        setRole(
                "CANDIDATE",
                EnumSet.complementOf(EnumSet.of(
                        Permission.ALL_ORG_VIEW, Permission.ALL_ORG_EDIT, Permission.CHANGE_ROLES_PERMISSIONS)));
        Set<Permission> viewer = permissionsOf("VIEWER");
        viewer.add(Permission.ALL_ORG_VIEW);
        setRole("VIEWER", viewer);

        var grants = new OAuthGrants(api);
        Set<Permission> delegated = EnumSet.allOf(Permission.class);
        delegated.removeAll(EnumSet.of(Permission.ALL_ORG_VIEW, Permission.ALL_ORG_EDIT));
        for (String scope : SCOPES) {
            callers.add(new Caller(
                    "app token " + scope,
                    grants.accessToken(owner, owner, scope),
                    scope,
                    delegated,
                    Set.of(owner.organizationId()),
                    null));
        }
        callers.add(new Caller(
                "SUPER_ADMIN", owner.token(), null, EnumSet.allOf(Permission.class), memberships(owner), owner));
        for (String role : ROLES) {
            Account user = accounts.addUser(owner, role, owner.organizationId());
            callers.add(new Caller(role, user.token(), null, permissionsOf(role), memberships(user), user));
        }

        makers = makers();
        grants.accessToken(stranger, stranger, "tasks:read");
        for (var maker : makers.entrySet()) {
            own.put(maker.getKey(), maker.getValue().apply(inOrganization(owner, owner.organizationId())));
            inOtherTenant.put(maker.getKey(), maker.getValue().apply(stranger));
            if (!TENANT_WIDE.contains(maker.getKey())) {
                inOtherOrganization.put(
                        maker.getKey(), maker.getValue().apply(inOrganization(owner, otherOrganization)));
            }
        }
        own.put("organization", owner.organizationId().toString());
        inOtherOrganization.put("organization", otherOrganization.toString());
        inOtherTenant.put("organization", stranger.organizationId().toString());
        own.put("consent", firstId("oauth_consent", owner.tenantId()));
        inOtherTenant.put("consent", firstId("oauth_consent", stranger.tenantId()));
        own.put("role-permission", firstId("role_permission", owner.tenantId()));
        inOtherTenant.put("role-permission", firstId("role_permission", stranger.tenantId()));
    }

    /** Records that belong to the tenant as a whole: another organization's cannot exist. */
    static final Set<String> TENANT_WIDE = Set.of("oauth-client", "consent", "role-permission");

    /** How to make a record of each kind the owner (or the stranger) can make, in the account's organization. */
    private Map<String, Function<Account, String>> makers() {
        var out = new LinkedHashMap<String, Function<Account, String>>();
        out.put(
                "task",
                a -> created(api.post("/api/tasks").token(a.token()).json(inOrg(a, Map.of("title", "Matrix"))), "id"));
        out.put(
                "employee",
                a -> created(
                        api.post("/api/employee")
                                .token(a.token())
                                .json(inOrg(
                                        a,
                                        Map.of(
                                                "user",
                                                Map.of(
                                                        "email",
                                                        Accounts.uniqueEmail("matrix-employee"),
                                                        "firstName",
                                                        "M",
                                                        "lastName",
                                                        "E"),
                                                "password",
                                                Accounts.PASSWORD))),
                        "id"));
        out.put(
                "project",
                a -> created(
                        api.post("/api/organization-project").token(a.token()).json(inOrg(a, Map.of("name", "Matrix"))),
                        "id"));
        out.put(
                "team",
                a -> created(
                        api.post("/api/organization-team").token(a.token()).json(inOrg(a, Map.of("name", "Matrix"))),
                        "id"));
        out.put(
                "task-option",
                a -> created(
                        api.post("/api/task-status")
                                .token(a.token())
                                .json(inOrg(
                                        a,
                                        Map.of(
                                                "name",
                                                "Matrix "
                                                        + UUID.randomUUID()
                                                                .toString()
                                                                .substring(0, 6)))),
                        "id"));
        out.put(
                "subscription",
                a -> created(
                        api.post("/api/integration/activepieces/webhooks")
                                .token(a.token())
                                .json(inOrg(
                                        a,
                                        Map.of(
                                                "name",
                                                "Matrix",
                                                "targetUrl",
                                                TestSandbox.baseUrl(TestSandbox.DEFAULT) + "/api/v1/webhooks/matrix",
                                                "events",
                                                List.of("task.created")))),
                        "id"));
        out.put(
                "installation",
                a -> created(
                        api.post("/api/integration/activepieces/setup")
                                .token(a.token())
                                .json(inOrg(a, Map.of("apiKey", TestSandbox.GLOBAL_KEY))),
                        "integrationTenantId"));
        out.put("oauth-client", a -> new OAuthGrants(api).register(a, Map.of()).id());
        out.put(
                "membership",
                a -> membershipOf(accounts.addUser(a, "EMPLOYEE", a.organizationId()), a.organizationId()));
        return out;
    }

    /** The account as if it were signed in to {@code organization} (its token stays the same). */
    private static Account inOrganization(Account account, UUID organization) {
        return new Account(
                account.email(),
                account.password(),
                account.token(),
                account.refreshToken(),
                account.userId(),
                account.tenantId(),
                organization);
    }

    private static Map<String, Object> inOrg(Account account, Map<String, Object> body) {
        var out = new HashMap<>(body);
        out.put("organizationId", account.organizationId().toString());
        return out;
    }

    private static String created(Api.Call call, String field) {
        var answer = call.send();
        assertThat(answer.status()).as(answer.text()).isBetween(200, 201);
        return answer.body().path(field).asString();
    }

    private void setRole(String role, Set<Permission> permissions) {
        UUID roleId = accounts.roleId(owner, role);
        for (Permission permission : Permission.values()) {
            var set = api.post("/api/role-permissions")
                    .token(owner.token())
                    .json(Map.of(
                            "roleId",
                            roleId.toString(),
                            "permission",
                            permission.name(),
                            "enabled",
                            permissions.contains(permission)))
                    .send();
            assertThat(set.status()).as(set.text()).isBetween(200, 201);
        }
    }

    private EnumSet<Permission> permissionsOf(String role) {
        var items = api.get("/api/role-permissions?roleId=" + accounts.roleId(owner, role))
                .token(owner.token())
                .send()
                .body()
                .path("items");
        var out = EnumSet.noneOf(Permission.class);
        items.forEach(item -> {
            if (item.path("enabled").asBoolean()) {
                out.add(Permission.valueOf(item.path("permission").asString()));
            }
        });
        return out;
    }

    private Set<UUID> memberships(Account account) {
        return Set.copyOf(jdbc.sql("select organization_id from user_organization where user_id = :user and is_active")
                .param("user", account.userId())
                .query(UUID.class)
                .list());
    }

    private String membershipOf(Account account, UUID organization) {
        return jdbc.sql("select id from user_organization where user_id = :user and organization_id = :org")
                .param("user", account.userId())
                .param("org", organization)
                .query(UUID.class)
                .single()
                .toString();
    }

    private String firstId(String table, UUID tenant) {
        return jdbc.sql("select id from " + table + " where tenant_id = :tenant order by id")
                .param("tenant", tenant)
                .query(UUID.class)
                .list()
                .get(0)
                .toString();
    }

    private Map<Route, HandlerMethod> handlers() {
        var out = new HashMap<Route, HandlerMethod>();
        mappings.getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues()
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> out.put(new Route(method.name(), pattern), handler))));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // What each cell must answer, from the declaration alone.

    Verdict expected(Route route, Caller caller, Attack attack) {
        boolean write = route.writes();
        // The tenant guard runs before anything else: it reads headers, parameters, where and the body.
        if (attack.position() != Position.PATH) {
            if (attack.otherTenant()) {
                return Verdict.REFUSED;
            }
            if (!caller.memberships().contains(otherOrganization) && !caller.seesAll(write)) {
                return Verdict.REFUSED;
            }
        }
        // Then the route's declaration: the app's scope, the role's permission.
        String access = EndpointDeclarationTests.access(route.toString());
        if (caller.app() && !AppTokenMatrixTests.covers(access, caller.scope(), write)) {
            return Verdict.REFUSED;
        }
        Permission[] needed = permissions(route);
        if (needed.length > 0 && Arrays.stream(needed).noneMatch(caller.permissions()::contains)) {
            return Verdict.REFUSED;
        }
        // Then the record its path names, in its own organization.
        if (attack.position() == Position.PATH) {
            if (attack.otherTenant()) {
                return Verdict.HIDDEN;
            }
            if (caller.memberships().contains(otherOrganization)) {
                return Verdict.PASSES;
            }
            if (!caller.seesAll(false)) {
                return Verdict.HIDDEN;
            }
            if (write && !caller.seesAll(true)) {
                return Verdict.REFUSED;
            }
        }
        return Verdict.PASSES;
    }

    private Permission[] permissions(Route route) {
        HandlerMethod handler = handlers.get(route);
        RequiresPermission permission =
                AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
        if (permission == null
                && AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresLogin.class) == null) {
            permission = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequiresPermission.class);
        }
        return permission == null ? new Permission[0] : permission.value();
    }

    /** The record kind a route's path names, or null. */
    static @Nullable String recordOf(Route route) {
        String organization = EndpointDeclarationTests.organizationOf(route.toString());
        return organization.startsWith("path ") ? organization.substring(5) : null;
    }

    List<Attack> attacks(Route route) {
        var out = new ArrayList<Attack>();
        for (boolean otherTenant : List.of(true, false)) {
            String record = recordOf(route);
            if (record != null && (otherTenant || !TENANT_WIDE.contains(record))) {
                out.add(new Attack(Position.PATH, otherTenant));
            }
            for (Position position : Position.values()) {
                boolean tenantOnly = position.name().startsWith("TENANT_");
                if (position == Position.PATH
                        || (tenantOnly && !otherTenant)
                        || ((position == Position.BODY_FLAT || position == Position.BODY_NESTED) && !route.writes())) {
                    continue;
                }
                out.add(new Attack(position, otherTenant));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending a cell.

    Api.Response send(Route route, Caller caller, Attack attack, Map<String, String> records) {
        String record = recordOf(route);
        var ids = new HashMap<String, String>();
        if (record != null) {
            String id = attack.position() == Position.PATH
                    ? (attack.otherTenant() ? inOtherTenant : inOtherOrganization).get(record)
                    : records.get(record);
            ids.put(variablePrefix(route), id);
        }
        String path = route.path(ids);
        String tenant = stranger.tenantId().toString();
        String organization = (attack.otherTenant() ? stranger.organizationId() : otherOrganization).toString();
        var query = new StringBuilder();
        var headers = new LinkedHashMap<String, String>();
        Object body = route.writes() && !route.method().equals("DELETE") ? Map.of() : null;
        switch (attack.position()) {
            case PATH -> {}
            case TENANT_HEADER -> headers.put("Tenant-Id", tenant);
            case TENANT_PARAMETER -> query.append("tenantId=").append(tenant);
            case TENANT_WHERE -> query.append("where%5BtenantId%5D=").append(tenant);
            case TENANT_JSON_WHERE ->
                query.append("where=%7B%22tenantId%22:%22").append(tenant).append("%22%7D");
            case ORGANIZATION_HEADER -> headers.put("Organization-Id", organization);
            case ORGANIZATION_PARAMETER -> query.append("organizationId=").append(organization);
            case ORGANIZATION_WHERE ->
                query.append("where%5BorganizationId%5D=").append(organization);
            case ORGANIZATION_JSON_WHERE ->
                query.append("where=%7B%22organizationId%22:%22")
                        .append(organization)
                        .append("%22%7D");
            case BODY_FLAT ->
                body = attack.otherTenant()
                        ? Map.of("tenantId", tenant, "organizationId", organization)
                        : Map.of("organizationId", organization);
            case BODY_NESTED ->
                body = attack.otherTenant()
                        ? Map.of("tenant", Map.of("id", tenant), "organization", Map.of("id", organization))
                        : Map.of("organization", Map.of("id", organization));
        }
        String target = path + (query.isEmpty() ? "" : "?" + query);
        Api.Call call = switch (route.method()) {
            case "GET" -> api.get(target);
            case "PUT" -> api.put(target);
            case "PATCH" -> api.patch(target);
            case "DELETE" -> api.delete(target);
            default -> api.post(target);
        };
        headers.forEach(call::header);
        if (body != null) {
            call.json(body);
        }
        return call.token(caller.token()).send();
    }

    /** The key {@link Route#path} fills the record's variable from: the pattern up to and with it. */
    static String variablePrefix(Route route) {
        String pattern = route.pattern();
        for (String variable : List.of("{integrationId}", "{id}")) {
            int at = pattern.indexOf(variable);
            if (at >= 0) {
                return pattern.substring(0, at + variable.length());
            }
        }
        throw new IllegalStateException("no record variable in " + pattern);
    }

    /** What the central checks answer when they refuse: a pass must never get one of these. */
    static final List<String> CENTRAL_REFUSALS = List.of(
            "signed in to Gauzy itself",
            "scopes do not allow",
            "permission, which your role",
            "names a tenant other than yours",
            "which you do not belong to",
            "may see but not change");

    /**
     * Whether the answer is the verdict's. A pass may still be refused by the handler for reasons of its own (a
     * missing field, a role it may not touch, a consent that is not the caller's), never by a central check, and
     * a pass at a record must find it (not answer that {@code record}, its label and id, is not found).
     */
    static @Nullable String problem(Verdict verdict, Api.Response answer, @Nullable String record) {
        int status = answer.status();
        return switch (verdict) {
            case REFUSED -> status == 403 ? null : "answered " + status + " instead of 403";
            case HIDDEN -> status == 404 ? null : "answered " + status + " instead of 404";
            case PASSES ->
                status == 401
                                || status == 500
                                || (status == 403 && CENTRAL_REFUSALS.stream().anyMatch(answer.text()::contains))
                                || (record != null
                                        && status == 404
                                        && answer.text().contains(record))
                        ? "answered " + status + " where the declaration lets it through"
                        : null;
        };
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void everyRouteAnswersEveryCallerAndForeignIdAsItsDeclarationSays() {
        List<Route> routes = Routes.api(mappings).stream()
                .filter(r -> !EndpointDeclarationTests.access(r.toString()).equals("public"))
                .toList();
        assertThat(routes).hasSizeGreaterThan(70);

        // First every cell that must be refused or find nothing: none of them may change a row.
        var failures = new ArrayList<String>();
        var passing = new ArrayList<Object[]>();
        var counts = new java.util.EnumMap<Verdict, Integer>(Verdict.class);
        Map<String, String> before = DatabaseState.of(jdbc);
        for (Route route : routes) {
            for (Caller caller : callers) {
                for (Attack attack : attacks(route)) {
                    Verdict verdict = expected(route, caller, attack);
                    counts.merge(verdict, 1, Integer::sum);
                    if (verdict == Verdict.PASSES) {
                        passing.add(new Object[] {route, caller, attack});
                        continue;
                    }
                    var answer = send(route, caller, attack, own);
                    String problem = problem(verdict, answer, null);
                    if (problem != null) {
                        failures.add(route + " by " + caller.name() + " with " + attack + ": " + problem + " "
                                + abbreviate(answer.text()));
                    }
                }
            }
        }
        assertThat(failures).as("cells: " + counts).isEmpty();
        assertThat(DatabaseState.of(jdbc))
                .as("no refused or hidden cell changed a row")
                .isEqualTo(before);
        assertThat(counts.get(Verdict.REFUSED)).isGreaterThan(5000);
        assertThat(counts.get(Verdict.HIDDEN)).isGreaterThan(200);

        // Then the cells the declaration lets through: never refused. Changes last, deletions on fresh records,
        // and a sign-out never (it would end the caller's session for the cells after it).
        passing.sort(java.util.Comparator.comparingInt(cell -> order((Route) cell[0], (Caller) cell[1])));
        for (Object[] cell : passing) {
            Route route = (Route) cell[0];
            Caller caller = (Caller) cell[1];
            Attack attack = (Attack) cell[2];
            if (route.toString().equals("POST /api/auth/logout")) {
                continue;
            }
            if (route.method().equals("DELETE")) {
                fresh(route, attack);
            }
            var answer = send(route, caller, attack, own);
            String record = recordOf(route);
            String problem = problem(
                    Verdict.PASSES,
                    answer,
                    record == null || attack.position() != Position.PATH
                            ? null
                            : labels.get(record) + " " + inOtherOrganization.get(record));
            if (problem != null) {
                failures.add(route + " by " + caller.name() + " with " + attack + ": " + problem + " "
                        + abbreviate(answer.text()));
            }
        }
        assertThat(failures).as("passing cells: " + passing.size()).isEmpty();
        assertThat(counts.get(Verdict.PASSES)).isGreaterThan(300);
    }

    /** Reads first, then changes, then deletions; app tokens before sign-ins (a deleted consent ends apps). */
    private static int order(Route route, Caller caller) {
        int kind = route.method().equals("GET") ? 0 : route.method().equals("DELETE") ? 2 : 1;
        return kind * 10 + (caller.app() ? 0 : 1) + (route.pattern().contains("consents") ? 5 : 0);
    }

    /** A deletion that passes deletes: it gets a record of its own, where the cell would have found one. */
    private void fresh(Route route, Attack attack) {
        String record = recordOf(route);
        if (record == null || !makers.containsKey(record)) {
            return;
        }
        boolean elsewhere = attack.position() == Position.PATH && !attack.otherTenant();
        String id =
                makers.get(record).apply(inOrganization(owner, elsewhere ? otherOrganization : owner.organizationId()));
        (elsewhere ? inOtherOrganization : own).put(record, id);
    }

    static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Every page form post, by a sign-in of each role, at another tenant's and another organization's record:
     * the same verdicts as the API's, from the same declarations, and nothing changed by a refused post.
     */
    @Test
    void everyPageFormPostAnswersEveryRoleAsItsDeclarationSays() {
        var posts = new ArrayList<Route>();
        var pageDeclarations = new HashMap<Route, String>();
        mappings.getHandlerMethods()
                .forEach((info, handler) -> info.getPatternValues().forEach(pattern -> {
                    if (pattern.startsWith("/pages/")
                            && info.getMethodsCondition().getMethods().stream()
                                    .anyMatch(m -> m.name().equals("POST"))) {
                        var route = new Route("POST", pattern);
                        posts.add(route);
                        var declared = EndpointDeclarationTests.declaration(handler);
                        pageDeclarations.put(
                                route,
                                declared == null || declared.organization() != OrganizationFrom.PATH
                                        ? ""
                                        : declared.record());
                    }
                }));
        assertThat(posts).hasSizeGreaterThan(15);
        var jars = new LinkedHashMap<Caller, PageJar>();
        for (Caller caller : callers) {
            if (!caller.app()) {
                var jar = new PageJar(api);
                jar.signIn(caller.account().email(), Accounts.PASSWORD, "/pages");
                jars.put(caller, jar);
            }
        }
        var failures = new ArrayList<String>();
        Map<String, String> before = DatabaseState.of(jdbc);
        int sent = 0;
        for (var signedIn : jars.entrySet()) {
            Caller caller = signedIn.getKey();
            PageJar jar = signedIn.getValue();
            String csrf = PageJar.csrf(jar.get("/pages"));
            for (Route post : posts) {
                String record = pageDeclarations.get(post);
                if (record.isEmpty()) {
                    continue;
                }
                Permission[] needed = permissionsOfPage(post);
                for (boolean otherTenant : List.of(true, false)) {
                    if (!otherTenant && TENANT_WIDE.contains(record)) {
                        continue;
                    }
                    String id = (otherTenant ? inOtherTenant : inOtherOrganization).get(record);
                    Verdict verdict;
                    if (needed.length > 0 && Arrays.stream(needed).noneMatch(caller.permissions()::contains)) {
                        verdict = Verdict.REFUSED;
                    } else if (otherTenant) {
                        verdict = Verdict.HIDDEN;
                    } else if (caller.memberships().contains(otherOrganization)) {
                        continue; // a pass: changes another organization's record, as it may
                    } else if (!caller.seesAll(false)) {
                        verdict = Verdict.HIDDEN;
                    } else if (!caller.seesAll(true)) {
                        verdict = Verdict.REFUSED;
                    } else {
                        continue;
                    }
                    String path = post.path(Map.of(variablePrefix(post), id));
                    var answer = jar.post(path, Map.of("_csrf", csrf));
                    sent++;
                    String problem = problem(verdict, answer, null);
                    if (problem != null) {
                        failures.add(post + " by " + caller.name() + " at "
                                + (otherTenant ? "another tenant's" : "another organization's") + " " + record + ": "
                                + problem);
                    }
                }
            }
        }
        assertThat(failures).as("sent " + sent).isEmpty();
        assertThat(sent).isGreaterThan(100);
        assertThat(DatabaseState.of(jdbc))
                .as("no refused page post changed a row")
                .isEqualTo(before);
    }

    private Permission[] permissionsOfPage(Route route) {
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            if (entry.getKey().getPatternValues().contains(route.pattern())
                    && entry.getKey().getMethodsCondition().getMethods().stream()
                            .anyMatch(m -> m.name().equals(route.method()))) {
                HandlerMethod handler = entry.getValue();
                RequiresPermission permission =
                        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequiresPermission.class);
                return permission == null ? new Permission[0] : permission.value();
            }
        }
        throw new IllegalStateException("no handler for " + route);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * A body or a parameter that names another tenant's records by id, where a task, a timer or a time log takes
     * them: nothing is linked or read.
     */
    @Test
    void bodiesNamingAnotherTenantsRecordsLinkNothing() {
        String theirEmployee = inOtherTenant.get("employee");
        String theirTeam = inOtherTenant.get("team");
        String theirTask = inOtherTenant.get("task");
        String theirProject = inOtherTenant.get("project");
        String theirStatus = inOtherTenant.get("task-option");
        var bodies = List.<Map<String, Object>>of(
                Map.of("title", "Linked", "members", List.of(Map.of("id", theirEmployee))),
                Map.of("title", "Linked", "members", List.of(theirEmployee)),
                Map.of("title", "Linked", "teams", List.of(Map.of("id", theirTeam))),
                Map.of("title", "Linked", "parentId", theirTask),
                Map.of("title", "Linked", "projectId", theirProject),
                Map.of("title", "Linked", "taskStatusId", theirStatus));
        Map<String, String> before = DatabaseState.of(jdbc);
        for (var body : bodies) {
            var created = api.post("/api/tasks").token(owner.token()).json(body).send();
            assertThat(created.status()).as(body + ": " + created.text()).isBetween(400, 404);
            var changed = api.put("/api/tasks/" + own.get("task"))
                    .token(owner.token())
                    .json(body)
                    .send();
            assertThat(changed.status()).as(body + ": " + changed.text()).isBetween(400, 404);
        }
        for (var timer : List.<Map<String, Object>>of(
                Map.of("employeeId", theirEmployee), Map.of("taskId", theirTask), Map.of("projectId", theirProject))) {
            var started = api.post("/api/timesheet/timer/start")
                    .token(owner.token())
                    .json(timer)
                    .send();
            assertThat(started.status()).as(timer + ": " + started.text()).isBetween(400, 404);
        }
        for (String read : List.of(
                "/api/timesheet/time-log?employeeId=" + theirEmployee,
                "/api/timesheet/timer/status?employeeId=" + theirEmployee)) {
            var answer = api.get(read).token(owner.token()).send();
            assertThat(answer.status()).as(read + ": " + answer.text()).isEqualTo(404);
            assertThat(answer.message()).contains("Employee");
        }
        assertThat(DatabaseState.of(jdbc)).as("nothing was linked").isEqualTo(before);
    }
}
