package org.gauzy.bridge.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.gauzy.bridge.platform.ApiException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be, after NIST SP 800-63B §5.1.1.2: at least 8 characters and at most what BCrypt
 * reads, and not one an attacker tries first: a commonly used password (a bundled list, whatever the case and
 * with trailing digits or symbols ignored), one character repeated, a run like {@code abcdefgh} or
 * {@code 98765432}, or the account's own email or its local part. No rules about character classes: they
 * make passwords harder to remember, not to guess.
 */
@Component
class PasswordPolicy {

    static final int MIN_CHARACTERS = 8;
    /** BCrypt reads at most 72 bytes; longer passwords would be silently truncated. */
    static final int MAX_BYTES = 72;

    private final Set<String> common;

    PasswordPolicy() {
        try (var in = new ClassPathResource("identity/common-passwords.txt").getInputStream()) {
            this.common = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("The list of common passwords is missing from the build", e);
        }
    }

    /** Refuses, with a 400 that says what to change, a password the account must not have. */
    void requireAcceptable(String password, @Nullable String email) {
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            throw new ApiException.BadRequest("password must be at least " + MIN_CHARACTERS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ApiException.BadRequest("password must be at most " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null) {
            String address = email.strip().toLowerCase(Locale.ROOT);
            int at = address.indexOf('@');
            if (lower.equals(address) || (at > 0 && lower.equals(address.substring(0, at)))) {
                throw new ApiException.BadRequest("password must not be the account's email or its name");
            }
        }
        if (common.contains(lower) || common.contains(lower.replaceFirst("[\\d\\p{Punct}\\s]+$", ""))) {
            throw new ApiException.BadRequest("password is one of the most commonly used ones; choose another "
                    + "(a few unrelated words make a strong one)");
        }
        if (isRun(lower)) {
            throw new ApiException.BadRequest("password must not be one character repeated or a run like abcdefgh");
        }
    }

    /** One character repeated, or each character one above (or each one below) the one before. */
    private static boolean isRun(String password) {
        int[] points = password.codePoints().toArray();
        int step = points[1] - points[0];
        if (Math.abs(step) > 1) {
            return false;
        }
        for (int i = 2; i < points.length; i++) {
            if (points[i] - points[i - 1] != step) {
                return false;
            }
        }
        return true;
    }
}
