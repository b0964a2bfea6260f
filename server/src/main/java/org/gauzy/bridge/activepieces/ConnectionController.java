package org.gauzy.bridge.activepieces;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.identity.FirstPartyOnly;
import org.gauzy.bridge.identity.OrganizationFrom;
import org.gauzy.bridge.identity.Permission;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.identity.RequiresPermission;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Gauzy's connection routes under {@code /api/integration/activepieces}. */
@FirstPartyOnly
@RestController
@RequestMapping("/api/integration/activepieces")
class ConnectionController {

    /**
     * {@code type} OAUTH2 (the default without {@code accessToken}): a connection the ever-gauzy piece can
     * use, authorized for the caller; SECRET_TEXT (the default with one, as Gauzy's own front end sends):
     * {@code accessToken} in a secret. {@code gauzyUrl}: where Activepieces reaches this service, when
     * not the configured one.
     */
    record CreateConnection(
            @Nullable String type,
            @Size(max = 4096) @Nullable String accessToken,
            @NotBlank @Size(max = 64) String projectId,
            @Size(max = 255) @Nullable String connectionName,
            @NotNull UUID organizationId,
            @Size(max = 2048) @Nullable String gauzyUrl) {

        @Override
        public String toString() {
            return "CreateConnection[" + type + ", " + projectId + ", " + organizationId + "]";
        }
    }

    private static final Set<String> STATUSES = Set.of("ACTIVE", "MISSING", "ERROR");
    private static final Set<String> SCOPES = Set.of("PROJECT", "PLATFORM");

    private final ConnectionService connections;

    ConnectionController(ConnectionService connections) {
        this.connections = connections;
    }

    @RequiresPermission(value = Permission.INTEGRATION_ADD, organization = OrganizationFrom.REQUEST)
    @PostMapping("/connection")
    @ResponseStatus(HttpStatus.CREATED)
    JsonNode create(RequestContext context, @Valid @RequestBody CreateConnection request) {
        ConnectionService.Kind kind;
        if (request.type() == null || request.type().isBlank()) {
            boolean token =
                    request.accessToken() != null && !request.accessToken().isBlank();
            kind = token ? ConnectionService.Kind.SECRET_TEXT : ConnectionService.Kind.OAUTH2;
        } else {
            kind = switch (request.type().trim()) {
                case "OAUTH2" -> ConnectionService.Kind.OAUTH2;
                case "SECRET_TEXT" -> ConnectionService.Kind.SECRET_TEXT;
                default -> throw new ApiException.BadRequest("type must be OAUTH2 or SECRET_TEXT");
            };
        }
        if (kind == ConnectionService.Kind.OAUTH2
                && request.accessToken() != null
                && !request.accessToken().isBlank()) {
            throw new ApiException.BadRequest("An OAUTH2 connection takes no accessToken: Activepieces gets its tokens "
                    + "from Gauzy's token endpoint");
        }
        return connections.upsert(
                context,
                kind,
                request.accessToken(),
                request.projectId().trim(),
                request.connectionName(),
                request.gauzyUrl());
    }

    /** Set when a listing of every connection may be short, with the reason. */
    static final String INCOMPLETE_HEADER = "X-Listing-Incomplete";

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/connections/{integrationId}")
    ConnectionService.Listing list(
            RequestContext context,
            @PathVariable UUID integrationId,
            @RequestParam(required = false) @Nullable String projectId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String pieceName,
            @RequestParam(required = false) @Nullable String displayName,
            @RequestParam(required = false) @Nullable List<String> status,
            @RequestParam(required = false) @Nullable String scope) {
        if (projectId == null || projectId.isBlank()) {
            throw new ApiException.BadRequest("projectId is required: the Activepieces project to list");
        }
        List<String> statuses = status == null ? List.of() : status;
        statuses.forEach(s -> oneOf("status", s, STATUSES));
        if (scope != null) {
            oneOf("scope", scope, SCOPES);
        }
        var query = new ConnectionService.ListQuery(
                projectId.trim(),
                blankToNull(cursor),
                Paging.count("limit", limit, 1, 100, 10),
                blankToNull(pieceName),
                blankToNull(displayName),
                statuses,
                scope);
        return connections.list(context, integrationId, query);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/connections/tenant/{integrationId}/{projectId}")
    ResponseEntity<List<ConnectionRow>> tenantConnections(
            RequestContext context, @PathVariable UUID integrationId, @PathVariable String projectId) {
        ConnectionService.All all = connections.allInProject(context, integrationId, projectId);
        var response = ResponseEntity.ok();
        if (all.gap()) {
            // The body stays the list Gauzy's route answers; the header says it may be short.
            response.header(INCOMPLETE_HEADER, ConnectionService.GAP_WARNING);
        }
        return response.body(all.connections());
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_VIEW,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @GetMapping("/connection/{integrationId}")
    JsonNode recorded(RequestContext context, @PathVariable UUID integrationId) {
        return connections.recorded(context, integrationId);
    }

    @RequiresPermission(
            value = Permission.INTEGRATION_DELETE,
            organization = OrganizationFrom.PATH,
            record = "installation")
    @DeleteMapping("/connection/{integrationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(RequestContext context, @PathVariable UUID integrationId) {
        connections.delete(context, integrationId);
    }

    private static void oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ApiException.BadRequest(
                    name + " must be one of " + allowed.stream().sorted().toList());
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
