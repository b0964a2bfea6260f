package org.gauzy.bridge.activepieces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sessions of the Activepieces users that installations hold. Activepieces' user sessions last 7 days
 * and have no refresh ({@code authentication-utils.ts}, {@code access-token-manager.ts} @66f43de175), so
 * the installation keeps the user's email and password (the password encrypted, like an API key) and
 * this signs in with {@code POST /v1/authentication/sign-in} when a session is first needed, an hour
 * before it would expire, and after Activepieces refuses one. Sessions live in memory only, per node:
 * each node signs in at most once a week per user, and no session token is ever stored.
 *
 * <p>Before 0.75 a session is bound to one project (its JWT carries {@code projectId}, and
 * {@code project-authz-handler.ts} @be989f5cba refuses any other with 403 "invalid project id"); a session
 * for another project comes from {@code POST /v1/authentication/switch-project}. From 0.75 on the token
 * has no project and serves every project the user may enter.
 */
@Component
class UserSessions {

    static final Duration RENEW_BEFORE = Duration.ofHours(1);

    private record Holder(String base, String holder, String email, String passwordDigest) {}

    private record ForProject(Holder holder, String projectId) {}

    private record Session(
            String token, Instant expires, @Nullable String projectId) {}

    private final ActivepiecesHttp http;
    private final ActivepiecesSettings settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<Holder, Session> signedIn = new ConcurrentHashMap<>();
    private final Map<ForProject, Session> switched = new ConcurrentHashMap<>();

    UserSessions(ActivepiecesHttp http, ActivepiecesSettings settings, JsonMapper json, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** A live session token of the user, valid in {@code projectId} when given. */
    String token(Credential.UserLogin user, @Nullable String projectId) {
        Holder holder = holder(user);
        Session session = signedIn.get(holder);
        if (session == null || dueForRenewal(session)) {
            session = signIn(user);
            signedIn.put(holder, session);
        }
        if (projectId == null
                || session.projectId() == null
                || session.projectId().equals(projectId)) {
            return session.token();
        }
        var key = new ForProject(holder, projectId);
        Session inProject = switched.get(key);
        if (inProject == null || dueForRenewal(inProject)) {
            JsonNode answer = http.send(
                    session.token(),
                    ActivepiecesHttp.Call.post(Map.of("projectId", projectId), "authentication", "switch-project"));
            inProject = session(answer.path("token").asString());
            switched.put(key, inProject);
        }
        return inProject.token();
    }

    /** Forgets the user's sessions, after Activepieces refused one (signed out, password changed…). */
    void forget(Credential.UserLogin user) {
        Holder holder = holder(user);
        signedIn.remove(holder);
        switched.keySet().removeIf(key -> key.holder().equals(holder));
    }

    /** Signs in once, to check an email and password before they are stored: a refusal is a 400. */
    void verify(String email, String password) {
        try {
            signIn(new Credential.UserLogin("verification", email, password));
        } catch (SignInRefused refused) {
            throw new ApiException.BadRequest("Activepieces refused to sign in " + email + " (" + refused.code
                    + "): check the email and password of the Activepieces user");
        }
    }

    /** Activepieces would not sign the user in. */
    private static final class SignInRefused extends ApiException {
        final String code;

        SignInRefused(String email, String code) {
            super(
                    HttpStatus.BAD_GATEWAY,
                    "Activepieces refused to sign in " + email + " (" + code + "); set the "
                            + "integration up again with the user's current email and password");
            this.code = code;
        }
    }

    private Session signIn(Credential.UserLogin user) {
        JsonNode answer;
        try {
            answer = http.send(
                    null,
                    ActivepiecesHttp.Call.post(
                            Map.of("email", user.email(), "password", user.password()), "authentication", "sign-in"));
        } catch (ActivepiecesFailure failure) {
            if (failure.upstreamStatus == 401 || failure.upstreamStatus == 403) {
                throw new SignInRefused(user.email(), Objects.requireNonNullElse(failure.upstreamCode, "refused"));
            }
            throw failure;
        }
        String token = answer.path("token").asString(null);
        if (token == null) {
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "Activepieces signed in " + user.email() + " without a session token; is " + settings.baseUrl()
                            + " an Activepieces?");
        }
        Instant now = Instant.now(clock);
        signedIn.values().removeIf(session -> session.expires().isBefore(now));
        switched.values().removeIf(session -> session.expires().isBefore(now));
        return session(token);
    }

    /** The expiry and project a session token carries (read, not verified: Activepieces verifies it). */
    private Session session(String token) {
        String[] parts = token.split("\\.");
        JsonNode claims = json.createObjectNode();
        if (parts.length == 3) {
            try {
                claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            } catch (RuntimeException notAJwt) {
                // an opaque token: treat it as one that lasts the documented 7 days
            }
        }
        Instant expires = claims.path("exp").canConvertToLong()
                ? Instant.ofEpochSecond(claims.path("exp").asLong())
                : Instant.now(clock).plus(Duration.ofDays(7));
        return new Session(token, expires, claims.path("projectId").asString(null));
    }

    private boolean dueForRenewal(Session session) {
        return !Instant.now(clock).plus(RENEW_BEFORE).isBefore(session.expires());
    }

    private Holder holder(Credential.UserLogin user) {
        return new Holder(settings.apiBase(), user.holder(), user.email(), digest(user.password()));
    }

    private static String digest(String password) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
