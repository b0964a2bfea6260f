package org.gauzy.bridge.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Signs every token the service issues (ES256, with the key's id in the header). The signature runs
 * on Bouncy Castle's P-256 ({@link Es256Signer}), measured at under half the cost of the JDK 17
 * implementation: a token is signed on every sign-in, code exchange and refresh, and signing was the
 * largest single cost of a refresh. The signer is built off the start-up thread: its classes come from a
 * signed jar, which class data sharing cannot keep, and nothing is signed before the node is ready.
 */
@Component
class TokenSigner {

    private final CompletableFuture<Es256Signer> signer;
    private final JWSHeader header;

    TokenSigner(SigningKeys keys) {
        this.signer = CompletableFuture.supplyAsync(() -> new Es256Signer(keys.signingKey(), new SecureRandom()));
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(keys.signingKey().getKeyID())
                .build();
    }

    String sign(JWTClaimsSet claims) {
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer.join());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
        return jwt.serialize();
    }
}
