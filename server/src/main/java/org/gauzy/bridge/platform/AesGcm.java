package org.gauzy.bridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with a fresh 96-bit nonce per value and a context as associated data, so a value moved
 * to another row or purpose does not open. Output: base64 of nonce followed by ciphertext and tag.
 */
@Component
public class AesGcm {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /**
     * A decrypting cipher per thread, initialized anew for each value: every call to Activepieces opens its
     * credential, and looking the cipher up again each time made about half of the garbage that opening a value
     * costs. (Encrypting is rare, and GCM refuses to reuse an encrypting cipher's nonce.)
     */
    private final ThreadLocal<Cipher> decrypting = ThreadLocal.withInitial(AesGcm::newCipher);

    public String seal(byte[] key, String plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = newCipher();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext, or empty when the key or context is not the one it was sealed with. */
    public Optional<String> open(byte[] key, String sealed, String context) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = decrypting.get();
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return Optional.of(
                    new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException wrong) {
            return Optional.empty();
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
