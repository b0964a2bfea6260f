package org.gauzy.bridge.integration;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.gauzy.bridge.platform.DataFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * AES-256-GCM for secret settings. The key comes from {@code GAUZY_SECRETS_KEY} (base64 of 32 bytes);
 * the embedded default generates one into the data folder. Each ciphertext is bound to a context
 * (its row and setting name) as associated data, so a value copied to another row does not decrypt.
 */
@Component
class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    static final String FILE = "secrets.key";
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${gauzy.secrets-key:}") String configured, DataFolder dataFolder) {
        String encoded = StringUtils.hasText(configured) ? configured.trim()
                : dataFolder.readSecret(FILE).orElseGet(() -> generate(dataFolder));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GAUZY_SECRETS_KEY must be base64 of 32 random bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("GAUZY_SECRETS_KEY must be base64 of 32 random bytes, not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    String seal(String plaintext, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    String open(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a sealed value");
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A secret setting does not decrypt: wrong GAUZY_SECRETS_KEY, or the "
                    + "value was moved between rows");
        }
    }

    private String generate(DataFolder dataFolder) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String encoded = Base64.getEncoder().encodeToString(bytes);
        dataFolder.writeSecret(FILE, encoded);
        log.info("Generated the secrets key into {}; set GAUZY_SECRETS_KEY when running several nodes",
                dataFolder.root().resolve(FILE));
        return encoded;
    }
}
