package org.gauzy.bridge.activepieces;

import java.util.Objects;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Sends a call with the credential an operation resolved: the platform API key where the installation
 * has one, else its user's session; MCP calls always as the user. A user session that Activepieces
 * refuses (401) is renewed once by signing in again.
 */
@Component
class ActivepiecesCalls {

    private final ActivepiecesHttp http;
    private final UserSessions sessions;

    ActivepiecesCalls(ActivepiecesHttp http, UserSessions sessions) {
        this.http = http;
        this.sessions = sessions;
    }

    /** With the API key, else as the user; {@code projectId} is the project the call acts in, when it has one. */
    JsonNode send(Credential credential, @Nullable String projectId, ActivepiecesHttp.Call call) {
        return send(credential, projectId, call, http.tree());
    }

    /** The same, the answer read by {@code success}. */
    <T> T send(
            Credential credential,
            @Nullable String projectId,
            ActivepiecesHttp.Call call,
            ActivepiecesHttp.BodyReader<T> success) {
        if (credential.apiKey() != null) {
            return http.send(credential.apiKey(), call, success);
        }
        return sendAsUser(credential, projectId, call, success);
    }

    /** As the credential's user, whose session is renewed once if Activepieces refuses it. */
    JsonNode sendAsUser(Credential credential, @Nullable String projectId, ActivepiecesHttp.Call call) {
        return sendAsUser(credential, projectId, call, http.tree());
    }

    private <T> T sendAsUser(
            Credential credential,
            @Nullable String projectId,
            ActivepiecesHttp.Call call,
            ActivepiecesHttp.BodyReader<T> success) {
        Credential.UserLogin user = credential.user();
        if (user == null) {
            throw new IllegalStateException("resolved without a user for a call that needs one");
        }
        try {
            return http.send(sessions.token(user, projectId), call, success);
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus != 401) {
                throw failure;
            }
        }
        sessions.forget(user);
        try {
            return http.send(sessions.token(user, projectId), call, success);
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus == 401) {
                throw new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        "Activepieces refused a fresh session of "
                                + user.email() + " (" + Objects.requireNonNullElse(failure.upstreamCode, "401")
                                + "); set the "
                                + "integration up again with the user's current email and password");
            }
            throw failure;
        }
    }
}
