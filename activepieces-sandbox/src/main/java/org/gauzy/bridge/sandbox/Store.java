package org.gauzy.bridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gauzy.bridge.sandbox.Model.ApiKey;
import org.gauzy.bridge.sandbox.Model.Connection;
import org.gauzy.bridge.sandbox.Model.NamedMcpServer;
import org.gauzy.bridge.sandbox.Model.Piece;
import org.gauzy.bridge.sandbox.Model.Platform;
import org.gauzy.bridge.sandbox.Model.Project;
import org.gauzy.bridge.sandbox.Model.ProjectMcpServer;
import org.gauzy.bridge.sandbox.Model.User;
import org.jspecify.annotations.Nullable;

/**
 * Everything the sandbox holds, in memory. Handlers take the store's lock for each operation
 * ({@code synchronized (store)}); no network call is made while holding it.
 */
final class Store {

    static final int MAX_RECORDED = 10_000;

    final Ids ids;
    final SandboxClock clock;
    final Map<String, Platform> platforms = new LinkedHashMap<>();
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, Project> projects = new LinkedHashMap<>();
    final Map<String, ApiKey> apiKeysByHash = new LinkedHashMap<>();
    final Map<String, Piece> pieces = new LinkedHashMap<>();
    final Map<String, Connection> connections = new LinkedHashMap<>();
    final Map<String, NamedMcpServer> namedMcpServers = new LinkedHashMap<>();
    final Map<String, ProjectMcpServer> projectMcpServers = new LinkedHashMap<>();
    final Map<String, Model.Flow> flows = new LinkedHashMap<>();
    final List<Model.FlowRun> flowRuns = new ArrayList<>();
    final List<WebhookDelivery> webhooks = new ArrayList<>();
    final List<RecordedRequest> recorded = new ArrayList<>();

    Store(Ids ids, SandboxClock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    synchronized void clear() {
        platforms.clear();
        users.clear();
        projects.clear();
        apiKeysByHash.clear();
        pieces.clear();
        connections.clear();
        namedMcpServers.clear();
        projectMcpServers.clear();
        flows.clear();
        flowRuns.clear();
        webhooks.clear();
        recorded.clear();
    }

    /** A platform with its owner, an ADMIN user who can sign in. */
    synchronized User addPlatform(String platformId, String email, String password) {
        var platform = new Platform(platformId, "");
        platforms.put(platformId, platform);
        User owner = addUser(platformId, email, password, "ADMIN");
        platform.ownerId = owner.id;
        return owner;
    }

    synchronized User addUser(String platformId, String email, String password, String platformRole) {
        requirePlatform(platformId);
        var user = new User(
                ids.apId(),
                email.toLowerCase(),
                password,
                "Sandbox",
                "User",
                platformId,
                platformRole,
                clock.nextCreated());
        users.put(user.id, user);
        return user;
    }

    synchronized Project addProject(
            String platformId, @Nullable String id, String displayName, @Nullable String externalId) {
        Platform platform = requirePlatform(platformId);
        var project = new Project(
                id == null ? ids.apId() : id,
                clock.nextCreated(),
                platform.ownerId,
                platformId,
                displayName,
                externalId);
        projects.put(project.id, project);
        return project;
    }

    /** Stores a key by its SHA-256, as Activepieces does; the value is never kept. */
    synchronized ApiKey addApiKey(String platformId, String value) {
        requirePlatform(platformId);
        var key = new ApiKey(ids.apId(), platformId, sha256(value), value.substring(value.length() - 4));
        apiKeysByHash.put(key.hashedValue, key);
        return key;
    }

    synchronized void addPiece(Piece piece) {
        pieces.put(piece.name(), piece);
    }

    synchronized Optional<ApiKey> apiKey(String value) {
        return Optional.ofNullable(apiKeysByHash.get(sha256(value)));
    }

    synchronized Optional<User> userByEmail(String email) {
        return users.values().stream()
                .filter(u -> u.email.equalsIgnoreCase(email))
                .findFirst();
    }

    /** The project a user's sign-in lands in: the first one they own. */
    synchronized @Nullable String defaultProject(String userId) {
        return projects.values().stream()
                .filter(p -> p.ownerId.equals(userId))
                .map(p -> p.id)
                .findFirst()
                .orElse(null);
    }

    synchronized void record(RecordedRequest request) {
        if (recorded.size() >= MAX_RECORDED) {
            recorded.remove(0);
        }
        recorded.add(request);
    }

    synchronized List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    synchronized void clearRecorded() {
        recorded.clear();
    }

    synchronized void deliver(WebhookDelivery delivery) {
        webhooks.add(delivery);
    }

    synchronized List<WebhookDelivery> webhooks(@Nullable String flowId) {
        return webhooks.stream()
                .filter(w -> flowId == null || w.flowId().equals(flowId))
                .toList();
    }

    private Platform requirePlatform(String platformId) {
        Platform platform = platforms.get(platformId);
        if (platform == null) {
            throw ApError.entityNotFound("platform", platformId);
        }
        return platform;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
