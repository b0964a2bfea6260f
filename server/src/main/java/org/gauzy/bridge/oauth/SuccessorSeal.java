package org.gauzy.bridge.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals a refresh token's successor with a key derived from the refresh token itself (AES-256-GCM).
 * Whoever presents the used token again within the grace window can open it and gets the same
 * successor; the table alone opens nothing, since it holds only hashes of the tokens.
 */
@Component
class SuccessorSeal {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();

    String seal(String successor, String usedToken) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, usedToken, iv).map(c -> doFinal(c,
                successor.getBytes(StandardCharsets.UTF_8))).orElseThrow();
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    /** The successor, or empty when {@code sealed} was not sealed with this token. */
    Optional<String> open(String sealed, String usedToken) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed);
            byte[] iv = Arrays.copyOfRange(all, 0, IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, usedToken, iv).orElseThrow();
            return Optional.of(new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException wrongKey) {
            return Optional.empty();
        }
    }

    private static Optional<Cipher> cipher(int mode, String usedToken, byte[] iv) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("refresh-successor:" + usedToken).getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            return Optional.of(cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM and SHA-256 are part of every JDK", e);
        }
    }

    private static byte[] doFinal(Cipher cipher, byte[] input) {
        try {
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing cannot fail with a fresh key", e);
        }
    }
}
