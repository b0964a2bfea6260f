package org.gauzy.bridge.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Secrets at rest (Activepieces keys, webhook signing secrets): AES-256-GCM under one key from {@code GAUZY_SECRETS_KEY} (base64 of 32 bytes);
 * the embedded default generates one into the data folder. Each ciphertext is bound to a context
 * (its row and setting name) as associated data, so a value copied to another row does not decrypt.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    static final String FILE = "secrets.key";
    private static final String PREFIX = "v1:";
    private final byte[] key;
    private final AesGcm aes;
    private final SecureRandom random = new SecureRandom();

    SecretBox(
            @Value("${gauzy.secrets-key:}") String configured,
            DataFolder dataFolder,
            AesGcm aes,
            KeyAgreement agreement) {
        this.aes = aes;
        String encoded = StringUtils.hasText(configured)
                ? configured.trim()
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
        this.key = bytes;
        agreement.require("secrets-key", "GAUZY_SECRETS_KEY", fingerprint(bytes));
    }

    /** HMAC-SHA256 of a fixed text under the key: shows whether two nodes hold the same key, and nothing of it. */
    private static String fingerprint(byte[] key) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal("gauzy secrets key fingerprint".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public String seal(String plaintext, String context) {
        return PREFIX + aes.seal(key, plaintext, context);
    }

    public String open(String sealed, String context) {
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("Not a sealed value");
        }
        return aes.open(key, sealed.substring(PREFIX.length()), context)
                .orElseThrow(() -> new IllegalStateException(
                        "A secret does not decrypt: wrong GAUZY_SECRETS_KEY, or the value was moved between rows"));
    }

    private String generate(DataFolder dataFolder) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String encoded = Base64.getEncoder().encodeToString(bytes);
        dataFolder.writeSecret(FILE, encoded);
        log.info(
                "Generated the secrets key into {}; set GAUZY_SECRETS_KEY when running several nodes",
                dataFolder.root().resolve(FILE));
        return encoded;
    }
}
