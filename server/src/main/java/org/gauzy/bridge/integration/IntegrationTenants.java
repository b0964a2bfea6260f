package org.gauzy.bridge.integration;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Installations of an integration per tenant and organization: at most one per (tenant,
 * organization, integration), guaranteed by a unique constraint. Every method takes the caller's
 * tenant; an id of another tenant is simply not found.
 *
 * <p>A read of one statement runs in no transaction of its own, and joins the caller's when there is one: under
 * READ COMMITTED, the isolation of both databases, a transaction gives one statement no consistency it lacks. It
 * costs a commit, on PostgreSQL a round trip of its own; in a profile of a proxied connections page, beginning and
 * ending its four read transactions took 4 % of the request threads' CPU.
 *
 * <p>Within a request, an installation is read once, with all its settings ({@code readOnce}): the permission check
 * reads it before the handler, which reads it again with its credential and the settings it acts on. A change
 * through this class forgets what the request read, and a read within a transaction always asks the database.
 */
@Service
public class IntegrationTenants {

    /** The provider name of the Activepieces integration in the catalogue. */
    public static final String ACTIVEPIECES = "ActivePieces";

    /** Stands for "the whole tenant" where an organization id belongs. */
    static final UUID TENANT_WIDE = new UUID(0, 0);

    /** The request attribute that holds what the request read of installations. */
    private static final String READ_ONCE = IntegrationTenants.class.getName() + ".read";

    private final IntegrationTenantRepository repository;
    private final SecretBox secrets;
    private final Clock clock;

    IntegrationTenants(IntegrationTenantRepository repository, SecretBox secrets, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Creates the installation of the organization (or the tenant-wide one, when {@code organization}
     * is null) or updates the existing one: the given settings replace those of the same name, the
     * others stay, and the installation is enabled. Returns its id.
     */
    @Transactional
    public UUID install(UUID tenant, @Nullable UUID organization, String provider, List<Setting> settings) {
        UUID integration = repository
                .integrationId(provider)
                .orElseThrow(() -> new IllegalStateException("No integration " + provider + " in the catalogue"));
        UUID scope = organization == null ? TENANT_WIDE : organization;
        OffsetDateTime now = OffsetDateTime.now(clock);
        forgetReads();
        repository.insertIfAbsent(UUID.randomUUID(), tenant, scope, integration, now);
        var row = repository.lockByTriple(tenant, scope, integration).orElseThrow();
        put(tenant, row.id(), settings, now);
        repository.setEnabled(tenant, row.id(), true, now);
        return row.id();
    }

    /** The installation serving exactly this organization (or the tenant-wide one for null). */
    public Optional<UUID> find(UUID tenant, @Nullable UUID organization, String provider) {
        return repository
                .findByTriple(tenant, organization == null ? TENANT_WIDE : organization, provider)
                .map(IntegrationTenantRepository.Row::id);
    }

    /**
     * The enabled installation serving exactly this organization (or the tenant-wide one for null), in one
     * read: a disabled one lends nothing.
     */
    public Optional<UUID> findEnabled(UUID tenant, @Nullable UUID organization, String provider) {
        return repository
                .findByTriple(tenant, organization == null ? TENANT_WIDE : organization, provider)
                .filter(IntegrationTenantRepository.Row::isEnabled)
                .map(IntegrationTenantRepository.Row::id);
    }

    /**
     * An installation's provider, organization and state, without its settings: what choosing a credential
     * needs on every request, where {@link #view} would also read and unseal every setting to mask it.
     *
     * @param organizationId the organization it serves, or null for the tenant-wide installation
     */
    public record Installation(UUID id, @Nullable UUID organizationId, String provider, boolean isEnabled) {}

    public Optional<Installation> installation(UUID tenant, UUID id) {
        return readsOnce()
                ? readOnce(tenant, id).map(found -> installation(found.row()))
                : repository.find(tenant, id).map(IntegrationTenants::installation);
    }

    /** An installation and the values of the named settings it has, decrypted when secret. */
    public record Configured(Installation installation, Map<String, String> settings) {

        /** The names of the settings only: their values may be secrets. */
        @Override
        public String toString() {
            return "Configured[" + installation + ", settings " + settings.keySet() + "]";
        }
    }

    /**
     * An installation and the values of the named settings it has, decrypted when secret, in one read: for the
     * code that uses them, never for a response.
     */
    public Optional<Configured> configured(UUID tenant, UUID id, Set<String> names) {
        return (readsOnce() ? readOnce(tenant, id) : repository.findWithSettings(tenant, id, names))
                .map(found -> new Configured(installation(found.row()), open(id, found.settings(), names)));
    }

    /** The values of those of {@code settings} that {@code names} names, decrypted when secret. */
    private Map<String, String> open(
            UUID id, List<IntegrationTenantRepository.SettingRow> settings, Set<String> names) {
        var values = new HashMap<String, String>();
        for (var s : settings) {
            if (names.contains(s.name())) {
                values.put(s.name(), open(id, s));
            }
        }
        return values;
    }

    private record Key(UUID tenant, UUID id) {}

    /**
     * Whether a read may come from what this request read: within a request, and outside a transaction, which may
     * hold a lock that makes only a fresh read the one to trust.
     */
    private static boolean readsOnce() {
        return RequestContextHolder.getRequestAttributes() != null
                && !TransactionSynchronizationManager.isActualTransactionActive();
    }

    /**
     * The installation with every setting it has, still sealed, as this request read it, read on the first call;
     * see {@link #readsOnce}.
     */
    private Optional<IntegrationTenantRepository.RowWithSettings> readOnce(UUID tenant, UUID id) {
        RequestAttributes request = RequestContextHolder.currentRequestAttributes();
        @SuppressWarnings("unchecked")
        var reads = (Map<Key, Optional<IntegrationTenantRepository.RowWithSettings>>)
                request.getAttribute(READ_ONCE, RequestAttributes.SCOPE_REQUEST);
        if (reads == null) {
            reads = new HashMap<>();
            request.setAttribute(READ_ONCE, reads, RequestAttributes.SCOPE_REQUEST);
        }
        return reads.computeIfAbsent(new Key(tenant, id), key -> repository.findWithSettings(tenant, id, null));
    }

    /** After a change: what this request read may be stale. */
    private static void forgetReads() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(READ_ONCE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private static Installation installation(IntegrationTenantRepository.Row row) {
        return new Installation(
                row.id(),
                TENANT_WIDE.equals(row.organizationId()) ? null : row.organizationId(),
                row.provider(),
                row.isEnabled());
    }

    private String open(UUID id, IntegrationTenantRepository.SettingRow s) {
        return s.isSecret() ? secrets.open(s.value(), context(id, s.name())) : s.value();
    }

    /** An installation as a background task needs it: which tenant's, and its id. */
    public record Installed(UUID tenantId, UUID id) {}

    /** Every enabled installation of a provider, in every tenant: for background tasks only. */
    @Transactional(readOnly = true)
    public List<Installed> enabled(String provider) {
        return repository.enabled(provider).stream()
                .map(row -> new Installed(row.tenantId(), row.id()))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<IntegrationTenantView> view(UUID tenant, UUID id) {
        return repository
                .find(tenant, id)
                .map(row -> new IntegrationTenantView(
                        row.id(),
                        row.tenantId(),
                        TENANT_WIDE.equals(row.organizationId()) ? null : row.organizationId(),
                        row.integrationId(),
                        row.provider(),
                        row.isEnabled(),
                        row.createdAt(),
                        row.updatedAt(),
                        repository.settings(tenant, id).stream()
                                .map(s -> new IntegrationTenantView.SettingView(
                                        s.name(),
                                        !s.isSecret()
                                                ? s.value()
                                                : s.name().endsWith("password")
                                                        ? "••••"
                                                        : mask(secrets.open(s.value(), context(id, s.name()))),
                                        s.isSecret()))
                                .toList()));
    }

    /** A setting's value, decrypted when secret: for the code that uses it, never for a response. */
    public Optional<String> setting(UUID tenant, UUID id, String name) {
        return (readsOnce()
                        ? readOnce(tenant, id)
                                .flatMap(found -> found.settings().stream()
                                        .filter(s -> s.name().equals(name))
                                        .findFirst())
                        : repository.setting(tenant, id, name))
                .map(s -> open(id, s));
    }

    /**
     * The values of the named settings it has, decrypted when secret, in one read: for the code that uses
     * them, never for a response.
     */
    public Map<String, String> settings(UUID tenant, UUID id, Set<String> names) {
        return open(
                id,
                readsOnce()
                        ? readOnce(tenant, id)
                                .map(IntegrationTenantRepository.RowWithSettings::settings)
                                .orElseGet(List::of)
                        : repository.settings(tenant, id),
                names);
    }

    @Transactional
    public void putSettings(UUID tenant, UUID id, List<Setting> settings) {
        forgetReads();
        requireExisting(tenant, id);
        OffsetDateTime now = OffsetDateTime.now(clock);
        put(tenant, id, settings, now);
        repository.touch(tenant, id, now);
    }

    @Transactional
    public void removeSettings(UUID tenant, UUID id, Collection<String> names) {
        forgetReads();
        requireExisting(tenant, id);
        names.forEach(name -> repository.deleteSetting(tenant, id, name));
        repository.touch(tenant, id, OffsetDateTime.now(clock));
    }

    @Transactional
    public void setEnabled(UUID tenant, UUID id, boolean enabled) {
        forgetReads();
        if (!repository.setEnabled(tenant, id, enabled, OffsetDateTime.now(clock))) {
            throw new ApiException.NotFound("Integration", id);
        }
    }

    /** Deletes the installation and all its settings. */
    @Transactional
    public void remove(UUID tenant, UUID id) {
        forgetReads();
        if (!repository.delete(tenant, id)) {
            throw new ApiException.NotFound("Integration", id);
        }
    }

    /** {@code ••••} and the last 4 characters, and only those when the secret is long enough to spare them. */
    public static String mask(String secret) {
        return secret.length() >= 12 ? "••••" + secret.substring(secret.length() - 4) : "••••";
    }

    private void put(UUID tenant, UUID id, List<Setting> settings, OffsetDateTime now) {
        for (Setting s : settings) {
            String stored = s.secret() ? secrets.seal(s.value(), context(id, s.name())) : s.value();
            repository.putSetting(tenant, id, s.name(), stored, s.secret(), now);
        }
    }

    private void requireExisting(UUID tenant, UUID id) {
        if (repository.find(tenant, id).isEmpty()) {
            throw new ApiException.NotFound("Integration", id);
        }
    }

    private static String context(UUID integrationTenant, String name) {
        return integrationTenant + "/" + name;
    }
}
