package org.gauzy.bridge.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.gauzy.bridge.platform.ApiException;
import org.gauzy.bridge.platform.FailureThrottle;
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

    /** BCrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final int THROTTLE_KEYS = 100_000;

    private final UserRepository users;
    private final RoleRepository roles;
    private final SessionRepository sessions;
    private final LoginTokens tokens;
    private final PasswordEncoder passwords;
    private final SecretTokens secrets;
    private final IdentitySettings settings;
    private final Clock clock;
    private final FailureThrottle perAccount;
    private final FailureThrottle perAddress;
    private final String decoyHash;

    AuthService(UserRepository users, RoleRepository roles, SessionRepository sessions, LoginTokens tokens,
            PasswordEncoder passwords, SecretTokens secrets, IdentitySettings settings, Clock clock) {
        this.users = users;
        this.roles = roles;
        this.sessions = sessions;
        this.tokens = tokens;
        this.passwords = passwords;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        var throttle = settings.loginThrottle();
        this.perAccount = new FailureThrottle(throttle.perAccount(), throttle.window(), THROTTLE_KEYS, clock);
        this.perAddress = new FailureThrottle(throttle.perAddress(), throttle.window(), THROTTLE_KEYS, clock);
        this.decoyHash = passwords.encode(secrets.generate("", 16));
    }

    static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    @Transactional
    UserView register(AuthRequests.Register request) {
        if (!settings.registrationEnabled()) {
            throw new ApiException.Forbidden("Registration is closed on this server; ask an administrator for an account");
        }
        requireAcceptable(request.password());
        if (!request.password().equals(request.confirmPassword())) {
            throw new ApiException.BadRequest("confirmPassword does not match password");
        }
        UserRepository.User user = newUser(request.user(), request.password(), null, null, null);
        return UserView.of(user, null);
    }

    /** Builds and stores a user; a taken email is a 409. */
    UserRepository.User newUser(UserDetails details, String password, @Nullable UUID tenant,
            @Nullable UUID role, @Nullable UUID lastOrganization) {
        requireAcceptable(password);
        OffsetDateTime now = OffsetDateTime.now(clock);
        var user = new UserRepository.User(UUID.randomUUID(), tenant, role, normalizeEmail(details.email()),
                details.firstName(), details.lastName(), details.imageUrl(),
                details.preferredLanguage() == null ? "en" : details.preferredLanguage(),
                passwords.encode(password), true, lastOrganization, now, now);
        try {
            users.insert(user);
        } catch (DuplicateKeyException taken) {
            throw new ApiException.Conflict("A user with this email already exists");
        }
        return user;
    }

    @Transactional
    AuthRequests.Tokens login(AuthRequests.Login request, String address) {
        String email = normalizeEmail(request.email());
        String accountKey = "account:" + email;
        String addressKey = "address:" + address;
        Optional<Duration> wait = perAccount.blockedFor(accountKey).or(() -> perAddress.blockedFor(addressKey));
        if (wait.isPresent()) {
            throw new ApiException.TooManyRequests("Too many failed sign-in attempts. Try again in "
                    + Math.max(1, wait.get().toSeconds()) + " seconds.", wait.get());
        }
        Optional<UserRepository.User> user = users.findByEmail(email);
        boolean passwordFits = request.password().getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        String hash = user.map(UserRepository.User::passwordHash).orElse(decoyHash);
        boolean matches = passwordFits && passwords.matches(request.password(), hash);
        if (user.isEmpty() || !matches || !user.get().isActive()) {
            perAccount.recordFailure(accountKey);
            perAddress.recordFailure(addressKey);
            throw new ApiException.Unauthorized("Invalid email or password");
        }
        perAccount.reset(accountKey);
        return startSession(user.get());
    }

    @Transactional
    AuthRequests.Tokens refresh(String refreshToken) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String hash = secrets.hash(refreshToken);
        var session = sessions.findLiveByRefreshHash(hash, now)
                .orElseThrow(() -> new ApiException.Unauthorized("The refresh token is invalid or expired; sign in again"));
        var user = users.findSelf(session.userId()).filter(UserRepository.User::isActive)
                .orElseThrow(() -> new ApiException.Unauthorized("The account is disabled"));
        String next = secrets.generate("", 32);
        if (!sessions.rotate(session.id(), hash, secrets.hash(next), now, now.plus(settings.refreshTokenTtl()))) {
            throw new ApiException.Unauthorized("The refresh token was already used; sign in again");
        }
        RoleName role = roleOf(user);
        return new AuthRequests.Tokens(UserView.of(user, role), tokens.issue(session.id(), user, role), next);
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
        return roles.find(user.tenantId(), user.roleId()).map(RoleRepository.Role::name).orElse(null);
    }

    private static void requireAcceptable(String password) {
        if (password.length() < 8) {
            throw new ApiException.BadRequest("password must be at least 8 characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ApiException.BadRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }
}
