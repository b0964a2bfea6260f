package org.gauzy.bridge.activepieces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.DelegatedAccess;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.pages.PageController;
import org.gauzy.bridge.pages.Pages;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Connections tab: the tenant's connections in a project of the key (filters and cursor paging
 * as the API has them), creating the organization's connection with a token minted for the user, and
 * deleting one.
 */
@PageController
class ConnectionPages {

    /** A connection as the table shows it. */
    record Row(String id, String displayName, String status, String type, String pieceName, String created) {}

    /** What the create form holds, kept when it comes back with an error. */
    record CreateForm(
            String connectionName,
            String accessToken,
            int expiryDays,
            @Nullable String gauzyUrl) {}

    static final List<Integer> EXPIRY_DAYS = List.of(30, 90, 180, 365);
    private static final List<String> STATUSES = List.of("ACTIVE", "ERROR", "MISSING");

    private final SetupService setup;
    private final ConnectionService connections;
    private final ProjectAccess projects;
    private final CredentialResolver keys;
    private final DelegatedAccess access;
    private final JsonMapper json;
    private final Clock clock;

    ConnectionPages(
            SetupService setup,
            ConnectionService connections,
            ProjectAccess projects,
            CredentialResolver keys,
            DelegatedAccess access,
            JsonMapper json,
            Clock clock) {
        this.json = json;
        this.setup = setup;
        this.connections = connections;
        this.projects = projects;
        this.keys = keys;
        this.access = access;
        this.clock = clock;
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping(SetupPages.BASE + "/{integrationId}/connections")
    ModelAndView list(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String displayName,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String notice) {
        var filters = new Filters(
                blank(projectId),
                blank(cursor),
                limit == null ? 10 : Math.max(1, Math.min(100, limit)),
                blank(displayName),
                status != null && STATUSES.contains(status) ? status : null);
        return page(
                context,
                integrationId,
                filters,
                new CreateForm("", "", 90, null),
                null,
                PageNotices.text(notice),
                HttpStatus.OK);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_ADD,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(SetupPages.BASE + "/{integrationId}/connections")
    ModelAndView create(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String connectionName,
            @RequestParam(required = false) @Nullable String accessToken,
            @RequestParam(required = false) @Nullable Integer expiryDays,
            @RequestParam(required = false) @Nullable String gauzyUrl,
            @RequestParam(required = false) @Nullable String action) {
        setup.installation(context, integrationId);
        int days = expiryDays != null && EXPIRY_DAYS.contains(expiryDays) ? expiryDays : 90;
        var filters = new Filters(blank(projectId), null, 10, null, null);
        String name = connectionName == null ? "" : connectionName.trim();
        if ("oauth2".equals(action)) {
            var form = new CreateForm(name, "", days, blank(gauzyUrl));
            if (filters.projectId() == null) {
                return page(
                        context,
                        integrationId,
                        filters,
                        form,
                        "Choose the Activepieces project.",
                        null,
                        HttpStatus.BAD_REQUEST);
            }
            try {
                var created = connections.upsert(
                        context,
                        ConnectionService.Kind.OAUTH2,
                        null,
                        filters.projectId(),
                        name.isEmpty() ? null : name,
                        blank(gauzyUrl));
                return Pages.seeOther(
                        SetupPages.BASE + "/" + created.path("integrationId").asString() + "/connections",
                        Map.of("projectId", filters.projectId(), "notice", "connection-created"));
            } catch (ApiException refused) {
                return page(context, integrationId, filters, form, refused.getMessage(), null, refused.status());
            }
        }
        if ("mint".equals(action)) {
            Instant expires = clock.instant().plus(Duration.ofDays(days));
            String token = access.mint(context, ConnectionService.TOKEN_PURPOSE, Set.of("gauzy:all"), expires);
            return page(
                    context,
                    integrationId,
                    filters,
                    new CreateForm(name, token, days, null),
                    null,
                    "A token for you, valid for " + days + " days, is filled in. Create the connection to hand it to "
                            + "Activepieces; it is not shown again.",
                    HttpStatus.OK);
        }
        var form = new CreateForm(name, accessToken == null ? "" : accessToken.trim(), days, null);
        if (filters.projectId() == null) {
            return page(
                    context,
                    integrationId,
                    filters,
                    form,
                    "Choose the Activepieces project.",
                    null,
                    HttpStatus.BAD_REQUEST);
        }
        if (form.accessToken().isEmpty()) {
            return page(
                    context,
                    integrationId,
                    filters,
                    form,
                    "Fill in the access token: press \"Mint a token for me\" or paste one.",
                    null,
                    HttpStatus.BAD_REQUEST);
        }
        try {
            var created = connections.upsert(
                    context,
                    ConnectionService.Kind.SECRET_TEXT,
                    form.accessToken(),
                    filters.projectId(),
                    name.isEmpty() ? null : name,
                    null);
            return Pages.seeOther(
                    SetupPages.BASE + "/" + created.path("integrationId").asString() + "/connections",
                    Map.of("projectId", filters.projectId(), "notice", "connection-created"));
        } catch (ApiException refused) {
            return page(context, integrationId, filters, form, refused.getMessage(), null, refused.status());
        }
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_DELETE,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @PostMapping(SetupPages.BASE + "/{integrationId}/connections/{connectionId}/delete")
    ModelAndView delete(
            RequestContext context,
            @PathVariable UUID integrationId,
            @PathVariable String connectionId,
            @RequestParam String projectId) {
        try {
            connections.delete(context, integrationId, projectId.trim(), connectionId);
        } catch (ApiException refused) {
            return page(
                    context,
                    integrationId,
                    new Filters(projectId.trim(), null, 10, null, null),
                    new CreateForm("", "", 90, null),
                    "The connection was not deleted: " + refused.getMessage(),
                    null,
                    refused.status());
        }
        return Pages.seeOther(
                SetupPages.BASE + "/" + integrationId + "/connections",
                Map.of("projectId", projectId.trim(), "notice", "connection-deleted"));
    }

    record Filters(
            @Nullable String projectId,
            @Nullable String cursor,
            int limit,
            @Nullable String displayName,
            @Nullable String status) {}

    private ModelAndView page(
            RequestContext context,
            UUID integrationId,
            Filters filters,
            CreateForm form,
            @Nullable String error,
            @Nullable String notice,
            HttpStatus status) {
        var installation = setup.installation(context, integrationId);
        var model = new HashMap<String, Object>();
        model.put("installation", installation);
        model.put("tab", "connections");
        model.put("form", form);
        model.put("gauzyUrl", form.gauzyUrl() != null ? form.gauzyUrl() : connections.gauzyUrl(null));
        model.put("expiryDays", EXPIRY_DAYS);
        model.put("statuses", STATUSES);
        Pages.putIfPresent(model, "notice", notice);
        String problem = error;
        List<ProjectAccess.Choice> options = List.of();
        String project = filters.projectId();
        try {
            options = projects.choices(context, keys.forIntegration(context, integrationId));
            if (project == null && !options.isEmpty()) {
                project = options.get(0).id();
            }
            if (project != null) {
                var page = connections.list(
                        context,
                        integrationId,
                        new ConnectionService.ListQuery(
                                project,
                                filters.cursor(),
                                filters.limit(),
                                null,
                                filters.displayName(),
                                filters.status() == null ? List.of() : List.of(filters.status()),
                                null));
                model.put("rows", rows(page.data()));
                Pages.putIfPresent(model, "next", page.next());
                Pages.putIfPresent(model, "previous", page.previous());
                if (page.warning() != null && problem == null) {
                    problem = page.warning();
                }
            }
        } catch (ApiException refused) {
            problem = problem == null ? "Activepieces did not answer as expected: " + refused.getMessage() : problem;
        }
        model.put("projects", options);
        model.put(
                "filters",
                new Filters(project, filters.cursor(), filters.limit(), filters.displayName(), filters.status()));
        Pages.putIfPresent(model, "error", problem);
        return Pages.view("activepieces/connections", status, model);
    }

    private List<Row> rows(List<ConnectionRow> data) {
        var rows = new ArrayList<Row>();
        for (ConnectionRow row : data) {
            JsonNode c = json.readTree(row.json());
            rows.add(new Row(
                    c.path("id").asString(),
                    c.path("displayName").asString(""),
                    c.path("status").asString(""),
                    c.path("type").asString(""),
                    c.path("pieceName").asString(""),
                    c.path("created").asString("")));
        }
        return rows;
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
