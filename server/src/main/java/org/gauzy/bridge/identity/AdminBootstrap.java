package org.gauzy.bridge.identity;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with an empty database, creates a tenant, an organization and a SUPER_ADMIN.
 * Without a configured password it generates a strong one and prints it once, to the console only:
 * it never reaches a log file, and it is never shown again.
 *
 * <p>The password's bcrypt hash, a tenth of a second or more of a cold JVM, is computed on another thread from
 * the moment this bean is built, on an empty database only, while the rest of the context is built.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final TenantRepository tenants;
    private final AuthService auth;
    private final TenantOnboarding onboarding;
    private final SecretTokens secrets;
    private final IdentitySettings settings;
    private final TransactionTemplate transaction;
    private final PrintStream console;
    private final @Nullable FirstAdmin prepared;

    /** The first admin's password, and its hash on the way. */
    private record FirstAdmin(String password, boolean generated, CompletableFuture<String> hash) {}

    AdminBootstrap(
            TenantRepository tenants,
            AuthService auth,
            TenantOnboarding onboarding,
            SecretTokens secrets,
            IdentitySettings settings,
            TransactionTemplate transaction) {
        this.tenants = tenants;
        this.auth = auth;
        this.onboarding = onboarding;
        this.secrets = secrets;
        this.settings = settings;
        this.transaction = transaction;
        this.console = System.out;
        this.prepared = tenants.any() ? null : prepare(settings.admin().password());
    }

    private FirstAdmin prepare(@Nullable String configured) {
        boolean generated = configured == null || configured.isBlank();
        String password = configured != null && !generated ? configured : secrets.generate("", 18);
        return new FirstAdmin(password, generated, CompletableFuture.supplyAsync(() -> auth.hash(password)));
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tenants.any()) {
            return;
        }
        var admin = settings.admin();
        var first = prepared != null ? prepared : prepare(admin.password());
        String password = first.password();
        boolean generated = first.generated();
        // Awaited before the transaction, which should not hold a connection while a hash is computed.
        String hash = first.hash().join();
        try {
            transaction.executeWithoutResult(status -> {
                var user = auth.newUser(
                        new UserDetails(admin.email(), "Admin", null, null, "en"), password, hash, null, null, null);
                onboarding.createTenant(user.id(), admin.tenantName(), admin.organizationName());
            });
        } catch (DuplicateKeyException | ApiException anotherNodeWon) {
            log.info("Another node created the first tenant at the same time; nothing to do");
            return;
        }
        log.info("Created the first tenant '{}' with SUPER_ADMIN {}", admin.tenantName(), admin.email());
        if (generated) {
            console.println();
            console.println("  First start: sign in as " + admin.email() + " with this generated password,");
            console.println("  shown only this once (set GAUZY_ADMIN_PASSWORD to choose your own):");
            console.println();
            console.println("      " + password);
            console.println();
        }
    }
}
