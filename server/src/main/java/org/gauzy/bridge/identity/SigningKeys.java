package org.gauzy.bridge.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.UUID;
import org.gauzy.bridge.platform.DataFolder;
import org.gauzy.bridge.platform.KeyAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The key that signs every token the service issues (ES256: fast to sign and small). It comes from
 * configuration in production; the embedded default generates one into the data folder once, so a
 * restart keeps sessions valid. Several nodes must share a configured key.
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String FILE = "jwt-signing-key.jwk";

    private final ECKey key;

    SigningKeys(IdentitySettings settings, DataFolder dataFolder, KeyAgreement agreement) {
        this.key = StringUtils.hasText(settings.signingKey())
                ? parse(settings.signingKey(), "JWT_SIGNING_KEY")
                : dataFolder
                        .readSecret(FILE)
                        .map(json -> parse(json, dataFolder.root().resolve(FILE).toString()))
                        .orElseGet(() -> generate(dataFolder));
        try {
            agreement.require(
                    "jwt-signing-key",
                    "JWT_SIGNING_KEY",
                    key.toPublicJWK().computeThumbprint().toString());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the signing key's thumbprint", e);
        }
    }

    ECKey signingKey() {
        return key;
    }

    /** The public half, for verifiers (the JWKS document publishes it). */
    JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private static ECKey parse(String json, String source) {
        try {
            ECKey parsed = ECKey.parse(json);
            if (!parsed.isPrivate() || !Curve.P_256.equals(parsed.getCurve())) {
                throw new IllegalStateException(source + " must be a private EC P-256 key in JWK form");
            }
            return parsed;
        } catch (ParseException e) {
            throw new IllegalStateException(source + " is not a valid JWK", e);
        }
    }

    private static ECKey generate(DataFolder dataFolder) {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            dataFolder.writeSecret(FILE, generated.toJSONString());
            log.info(
                    "Generated a token signing key into {}; set JWT_SIGNING_KEY when running several nodes",
                    dataFolder.root().resolve(FILE));
            return generated;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }
}
