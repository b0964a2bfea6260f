package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The signer writes what any ES256 verifier accepts: checked with the JDK's own implementation through
 * Nimbus, which is what the resource server and Activepieces' side of the world rely on.
 */
class Es256SignerTests {

    ECKey key = generate(Curve.P_256);
    Es256Signer signer = new Es256Signer(key, new SecureRandom());
    JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);

    @Test
    void everySignatureVerifiesWithTheJdkAndIsTheFixedWidthPairJwsUses() throws Exception {
        var verifier = new ECDSAVerifier(key.toPublicJWK());
        // Enough signatures that an R or S with leading zero bytes turns up (about 1 in 128 has one).
        for (int i = 0; i < 400; i++) {
            byte[] input = ("header.payload-" + i).getBytes(StandardCharsets.US_ASCII);
            Base64URL signature = signer.sign(header, input);

            assertThat(signature.decode()).hasSize(64);
            assertThat(verifier.verify(header, input, signature)).isTrue();
        }
    }

    @Test
    void aSignatureDoesNotFitOtherContentOrAnotherKey() throws Exception {
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        Base64URL signature = signer.sign(header, input);

        assertThat(new ECDSAVerifier(key.toPublicJWK())
                        .verify(header, "header.payloaD".getBytes(StandardCharsets.US_ASCII), signature))
                .isFalse();
        assertThat(new ECDSAVerifier(generate(Curve.P_256).toPublicJWK()).verify(header, input, signature))
                .isFalse();
    }

    @Test
    void signsAJwtThroughNimbusAsTheTokenSignerDoes() throws Exception {
        var jwt = new SignedJWT(
                header, new JWTClaimsSet.Builder().subject("someone").build());
        jwt.sign(signer);

        var parsed = SignedJWT.parse(jwt.serialize());
        assertThat(parsed.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(parsed.getJWTClaimsSet().getSubject()).isEqualTo("someone");
    }

    @Test
    void refusesOtherAlgorithmsAndKeys() {
        assertThatThrownBy(() -> signer.sign(new JWSHeader(JWSAlgorithm.ES384), new byte[] {1}))
                .isInstanceOf(JOSEException.class)
                .hasMessageContaining("ES256 only");
        assertThatThrownBy(() -> new Es256Signer(generate(Curve.P_384), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Es256Signer(key.toPublicJWK(), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ECKey generate(Curve curve) {
        try {
            return new ECKeyGenerator(curve).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
