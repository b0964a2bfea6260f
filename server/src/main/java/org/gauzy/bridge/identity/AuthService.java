package org.gauzy.bridge.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.AttemptThrottle;
import org.gauzy.bridge.platform.SecretTokens;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration, sign-in, refresh and sign-out. Sign-in never says whether an email exists: an
 * unknown email costs the same password check and gets the same answer, and failures are throttled
 * per account and per client address.
 */
@Service
class AuthService {

    private static final Duration REGISTRATION_WINDOW = Duration.ofHours(1);

    private final UserRepository users;
    private final RoleRepository roles;
    private final SessionRepository sessions;
    private final LoginTokens tokens;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final SecretTokens secrets;
    private final IdentitySettings settings;
    private final Clock clock;
    private final AttemptThrottle throttle;
    /**
     * What an unknown email's password is checked against, so that it costs what a known one's does. No
     * password fits it (its hash part is random), and it is written here rather than hashed at start-up, where
     * a bcrypt hash is a tenth of a second of a cold JVM's start. Its cost must be the encoder's:
     * {@code AuthServiceDecoyTests} fails if a new default would change it.
     */
    static final String DECOY_HASH = "{bcrypt}$2a$10$gQ1vEIKj5svgnVp.IGdXc3ZJuSOLL53JXpqQ6SdDouKqCS74re.JE";

    AuthService(
            UserRepository users,
            RoleRepository roles,
            SessionRepository sessions,
            LoginTokens tokens,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            SecretTokens secrets,
            IdentitySettings settings,
            AttemptThrottle throttle,
            Clock clock) {
        this.users = users;
        this.roles = roles;
        this.sessions = sessions;
        this.tokens = tokens;
        this.passwords = passwords;
        this.policy = policy;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.throttle = throttle;
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Registers a user without a tenant. A 409 tells whether an email is taken, as Gauzy's does, so every
     * registration counts against its address: a few per hour, enough for people, too few to enumerate.
     */
    UserView register(AuthRequests.Register request, String address) {
        if (!settings.registrationEnabled()) {
            throw new ApiException.Forbidden(
                    "Registration is closed on this server; ask an administrator for an account");
        }
        policy.requireAcceptable(request.password(), request.user().email());
        if (!request.password().equals(request.confirmPassword())) {
            throw new ApiException.BadRequest("confirmPassword does not match password");
        }
        throttle.take("registration", address, settings.registrationsPerAddress(), REGISTRATION_WINDOW)
                .ifPresent(wait -> {
                    throw new ApiException.TooManyRequests(
                            "Too many registrations from this address. Try again in " + Math.max(1, wait.toSeconds())
                                    + " seconds.",
                            wait);
                });
        UserRepository.User user = newUser(request.user(), request.password(), null, null, null);
        return UserView.of(user, null);
    }

    /** Builds and stores a user; a taken email is a 409. */
    UserRepository.User newUser(
            UserDetails details,
            String password,
            @Nullable UUID tenant,
            @Nullable UUID role,
            @Nullable UUID lastOrganization) {
        policy.requireAcceptable(password, details.email());
        return store(details, hash(password), tenant, role, lastOrganization);
    }

    /**
     * As {@link #newUser(UserDetails, String, UUID, UUID, UUID)}, with the password's {@link #hash} computed
     * ahead, off the caller's thread.
     */
    UserRepository.User newUser(
            UserDetails details,
            String password,
            String passwordHash,
            @Nullable UUID tenant,
            @Nullable UUID role,
            @Nullable UUID lastOrganization) {
        policy.requireAcceptable(password, details.email());
        return store(details, passwordHash, tenant, role, lastOrganization);
    }

    private UserRepository.User store(
            UserDetails details,
            String passwordHash,
            @Nullable UUID tenant,
            @Nullable UUID role,
            @Nullable UUID lastOrganization) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var user = new UserRepository.User(
                UUID.randomUUID(),
                tenant,
                role,
                normalizeEmail(details.email()),
                details.firstName(),
                details.lastName(),
                details.imageUrl(),
                details.preferredLanguage() == null ? "en" : details.preferredLanguage(),
                passwordHash,
                true,
                lastOrganization,
                now,
                now);
        try {
            users.insert(user);
        } catch (DuplicateKeyException taken) {
            throw new ApiException.Conflict("A user with this email already exists");
        }
        return user;
    }

    /**
     * Signs in. Not one transaction: the failure count must outlive the refusal that follows it, and a
     * connection is not held while the password hash is computed.
     */
    AuthRequests.Tokens login(AuthRequests.Login request, String address) {
        String email = normalizeEmail(request.email());
        AttemptThrottle.Attempt attempt = throttle.attempt(
                "sign-in", email, address, settings.loginThrottle().limits());
        Optional<Duration> wait = attempt.waitFor();
        if (wait.isPresent()) {
            throw new ApiException.TooManyRequests(
                    "Too many failed sign-in attempts. Try again in "
                            + Math.max(1, wait.get().toSeconds()) + " seconds.",
                    wait.get());
        }
        Optional<UserRepository.User> user = users.findByEmail(email);
        boolean passwordFits = request.password().getBytes(StandardCharsets.UTF_8).length <= PasswordPolicy.MAX_BYTES;
        String hash = user.map(UserRepository.User::passwordHash).orElse(DECOY_HASH);
        boolean matches = passwordFits && passwords.matches(request.password(), hash);
        if (user.isEmpty() || !matches || !user.get().isActive()) {
            attempt.failed();
            throw new ApiException.Unauthorized("Invalid email or password");
        }
        attempt.succeeded();
        return startSession(user.get());
    }

    /**
     * Exchanges a refresh token for a new pair. A token presented again after it was exchanged was copied, or
     * raced its own session: the whole session ends (its access tokens with it), and the 401 says so.
     */
    @Transactional(noRollbackFor = ApiException.Unauthorized.class)
    AuthRequests.Tokens refresh(String refreshToken) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String hash = secrets.hash(refreshToken);
        var session = sessions.findLiveByRefreshHash(hash, now);
        if (session.isEmpty()) {
            sessions.sessionOfSpentRefresh(hash).ifPresent(spent -> endReused(spent, now));
            throw new ApiException.Unauthorized("The refresh token is invalid or expired; sign in again");
        }
        var user = users.findSelf(session.get().userId())
                .filter(UserRepository.User::isActive)
                .orElseThrow(() -> new ApiException.Unauthorized("The account is disabled"));
        String next = secrets.generate("", 32);
        if (!sessions.rotate(session.get().id(), hash, secrets.hash(next), now, now.plus(settings.refreshTokenTtl()))) {
            endReused(session.get().id(), now);
        }
        RoleName role = roleOf(user);
        return new AuthRequests.Tokens(
                UserView.of(user, role), tokens.issue(session.get().id(), user, role), next);
    }

    private void endReused(UUID session, OffsetDateTime now) {
        sessions.revoke(session, now);
        throw new ApiException.Unauthorized("This refresh token was already used, so the session it belonged to has "
                + "been ended; sign in again");
    }

    @Transactional
    void logout(RequestContext context) {
        sessions.revoke(context.sessionId(), OffsetDateTime.now(clock));
    }

    private AuthRequests.Tokens startSession(UserRepository.User user) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID session = UUID.randomUUID();
        String refresh = secrets.generate("", 32);
        sessions.insert(session, user.id(), secrets.hash(refresh), now, now.plus(settings.refreshTokenTtl()));
        RoleName role = roleOf(user);
        return new AuthRequests.Tokens(UserView.of(user, role), tokens.issue(session, user, role), refresh);
    }

    private @Nullable RoleName roleOf(UserRepository.User user) {
        if (user.tenantId() == null || user.roleId() == null) {
            return null;
        }
        return roles.find(user.tenantId(), user.roleId())
                .map(RoleRepository.Role::name)
                .orElse(null);
    }

    /** The stored form of a password; the encoder answers null only for a null password. */
    String hash(String password) {
        return Objects.requireNonNull(passwords.encode(password));
    }
}
