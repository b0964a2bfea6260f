package org.gauzy.bridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Machine-generated secrets (refresh tokens, codes, client secrets) and their storage form. Such a
 * secret has at least 128 bits of entropy, so a plain SHA-256 is enough to store it: unlike a
 * password it cannot be guessed from a dictionary, and a fast hash keeps the endpoints fast.
 */
@Component
public class SecretTokens {

    private final SecureRandom random = new SecureRandom();

    /** A URL-safe random string of {@code bytes} random bytes, with an optional readable prefix. */
    public String generate(String prefix, int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    /** The storage form of a generated secret: lower-case hex SHA-256. */
    public String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares a presented secret with a stored hash in constant time. */
    public boolean matches(String presented, String storedHash) {
        return MessageDigest.isEqual(
                hash(presented).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
