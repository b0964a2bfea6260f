package org.gauzy.bridge.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.stereotype.Component;

/**
 * Signs every token the service issues (ES256, with the key's id in the header). The signature runs
 * on Bouncy Castle's P-256, measured at under half the cost of the JDK 17 implementation: a token is
 * signed on every sign-in, code exchange and refresh, and signing was the largest single cost of a
 * refresh. The provider is used here only, not installed for the whole JVM. It is built off the start-up
 * thread: it loads some 500 classes from a signed jar, which class data sharing cannot keep, and nothing is
 * signed before the node is ready.
 */
@Component
class TokenSigner {

    private final CompletableFuture<ECDSASigner> signer;
    private final JWSHeader header;

    TokenSigner(SigningKeys keys) {
        ECDSASigner es256;
        try {
            es256 = new ECDSASigner(keys.signingKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing key cannot sign ES256", e);
        }
        this.signer = CompletableFuture.supplyAsync(() -> {
            es256.getJCAContext().setProvider(new BouncyCastleProvider());
            return es256;
        });
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
