package org.gauzy.bridge.activepieces;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gauzy.bridge.identity.RequestContext;
import org.gauzy.bridge.integration.IntegrationTenantView;
import org.gauzy.bridge.integration.IntegrationTenants;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What other modules may read from Activepieces, for an installation of the caller's: GET calls in one of
 * its projects, with the credential and project checks every Activepieces route of ours makes (an unknown
 * or another tenant's installation is a 404, a disabled one a 409, a project the credential may not use a
 * 403), and Activepieces' failures answered as elsewhere. Nothing here writes to Activepieces.
 */
@Service
public class ActivepiecesReads {

    private final CredentialResolver keys;
    private final ProjectAccess projects;
    private final ActivepiecesCalls calls;
    private final ActivepiecesSettings settings;
    private final IntegrationTenants recorded;

    ActivepiecesReads(
            CredentialResolver keys,
            ProjectAccess projects,
            ActivepiecesCalls calls,
            ActivepiecesSettings settings,
            IntegrationTenants recorded) {
        this.keys = keys;
        this.projects = projects;
        this.calls = calls;
        this.settings = settings;
        this.recorded = recorded;
    }

    /** One project of an installation, opened for reading. */
    public final class Project {
        private final Credential key;
        private final String projectId;
        private final @Nullable UUID installationOrganization;

        private Project(Credential key, String projectId, @Nullable UUID installationOrganization) {
            this.key = key;
            this.projectId = projectId;
            this.installationOrganization = installationOrganization;
        }

        public String id() {
            return projectId;
        }

        /** The organization whose installation this is; null for a tenant-wide one. */
        public @Nullable UUID organization() {
            return installationOrganization;
        }

        /**
         * {@code GET /v1/<segments>} with the query (each value a string or a list of them), acting in this
         * project; {@code projectId} is added to the query when the call names none.
         */
        public JsonNode get(Map<String, ?> query, String... segments) {
            ActivepiecesHttp.Call call = ActivepiecesHttp.Call.get(segments);
            if (!query.containsKey("projectId")) {
                call = call.param("projectId", projectId);
            }
            for (Map.Entry<String, ?> parameter : query.entrySet()) {
                if (parameter.getValue() instanceof List<?> values) {
                    for (Object value : values) {
                        call = call.param(parameter.getKey(), value);
                    }
                } else {
                    call = call.param(parameter.getKey(), parameter.getValue());
                }
            }
            return calls.send(key, projectId, call);
        }

        /** Where a person opens a run of this project in Activepieces. */
        public String runUrl(String runId) {
            return settings.frontend() + "/projects/" + projectId + "/runs/" + runId;
        }

        /** Where a person opens a flow of this project in Activepieces. */
        public String flowUrl(String flowId) {
            return settings.frontend() + "/projects/" + projectId + "/flows/" + flowId;
        }
    }

    /**
     * A project of the caller's installation: the one named, else the project its connection was made in.
     * Refused as the connection routes refuse it.
     */
    public Project open(RequestContext context, UUID integrationId, @Nullable String projectId) {
        IntegrationTenantView installation = keys.installation(context, integrationId);
        Credential key = keys.forIntegration(context, integrationId);
        String project = projectId != null && !projectId.isBlank()
                ? projectId.trim()
                : recorded.setting(context.tenant(), integrationId, ConnectionService.PROJECT_ID)
                        .orElseThrow(() -> new ApiException.BadRequest(
                                "projectId is required: no connection of this integration names a project yet"));
        return new Project(key, projects.require(context, key, project), installation.organizationId());
    }

    /** The caller's installation (404 for an unknown one or another tenant's). */
    public IntegrationTenantView installation(RequestContext context, UUID integrationId) {
        return keys.installation(context, integrationId);
    }

    /** A project as a picker offers it. */
    public record ProjectChoice(String id, String displayName) {}

    /** The first hundred projects the installation's credential may use, for a picker. */
    public List<ProjectChoice> projects(RequestContext context, UUID integrationId) {
        return projects.choices(context, keys.forIntegration(context, integrationId)).stream()
                .map(c -> new ProjectChoice(c.id(), c.displayName()))
                .toList();
    }

    /**
     * For a task outside any request (automation health's watch): the project of an enabled, organization
     * installation's connection, opened with its credential; empty when there is none to watch.
     */
    public java.util.Optional<Project> openRecorded(UUID tenant, UUID integrationId) {
        return recorded.view(tenant, integrationId)
                .filter(view -> view.organizationId() != null)
                .flatMap(view -> recorded.setting(tenant, integrationId, ConnectionService.PROJECT_ID)
                        .flatMap(project -> keys.forInstallation(tenant, integrationId)
                                .map(key -> new Project(
                                        key, projects.require(tenant, key, project), view.organizationId()))));
    }

    /** The external id of an organization's connection, as the connection routes make it. */
    public static String connectionExternalId(UUID tenant, UUID organization) {
        return ConnectionService.externalId(tenant, organization);
    }

    /** The piece whose steps act on Gauzy ({@code @activepieces/piece-ever-gauzy} unless configured). */
    public String pieceName() {
        return settings.pieceName();
    }
}
