package org.gauzy.bridge.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.util.BigIntegers;

/**
 * ES256 on Bouncy Castle's P-256 arithmetic, called directly rather than through its JCA provider.
 * Through the provider, every signature converted the JDK key's curve parameters into a new generator
 * point, and the table of multiples that makes multiplying by the generator fast hangs on that point:
 * it was rebuilt for every token, two thirds of the signature's cost (measured in a profile of code
 * round trips). Here the domain, and with it the generator and its table, is built once.
 */
final class Es256Signer implements JWSSigner {

    private static final int COORDINATE_BYTES = 32;

    private final ECPrivateKeyParameters key;
    private final SecureRandom random;
    private final JCAContext jcaContext = new JCAContext();

    Es256Signer(ECKey key, SecureRandom random) {
        if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
            throw new IllegalArgumentException("ES256 needs a private key on P-256");
        }
        var domain = new ECDomainParameters(CustomNamedCurves.getByName("P-256"));
        this.key = new ECPrivateKeyParameters(key.getD().decodeToBigInteger(), domain);
        this.random = random;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("This signer signs ES256 only, not " + header.getAlgorithm());
        }
        var digest = new SHA256Digest();
        digest.update(signingInput, 0, signingInput.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        var ecdsa = new ECDSASigner();
        ecdsa.init(true, new ParametersWithRandom(key, random));
        var rs = ecdsa.generateSignature(hash);
        // JWS carries R and S as two fixed-width big-endian halves (RFC 7518, section 3.4), not DER.
        byte[] signature = new byte[2 * COORDINATE_BYTES];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, COORDINATE_BYTES);
        BigIntegers.asUnsignedByteArray(rs[1], signature, COORDINATE_BYTES, COORDINATE_BYTES);
        return Base64URL.encode(signature);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
