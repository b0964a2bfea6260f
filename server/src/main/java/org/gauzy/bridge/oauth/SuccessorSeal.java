package org.gauzy.bridge.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.gauzy.bridge.platform.AesGcm;
import org.springframework.stereotype.Component;

/**
 * Seals a refresh token's successor with a key derived from the refresh token itself. Whoever presents
 * the used token again within the grace window can open it and gets the same successor; the table
 * alone opens nothing, since it holds only hashes of the tokens.
 */
@Component
class SuccessorSeal {

    private static final String CONTEXT = "refresh-successor";

    private final AesGcm aes;

    SuccessorSeal(AesGcm aes) {
        this.aes = aes;
    }

    String seal(String successor, String usedToken) {
        return aes.seal(key(usedToken), successor, CONTEXT);
    }

    /** The successor, or empty when {@code sealed} was not sealed with this token. */
    Optional<String> open(String sealed, String usedToken) {
        return aes.open(key(usedToken), sealed, CONTEXT);
    }

    private static byte[] key(String usedToken) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((CONTEXT + ":" + usedToken).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
