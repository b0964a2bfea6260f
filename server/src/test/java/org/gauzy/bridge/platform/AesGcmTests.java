package org.gauzy.bridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A sealed value opens only with its key and context, and the thread's reused cipher keeps it so: after a value
 * that does not open, and from one key to another.
 */
class AesGcmTests {

    private final AesGcm aes = new AesGcm();
    private final SecureRandom random = new SecureRandom();

    @Test
    void aValueOpensWithItsKeyAndContextOnlyAndAFailureLeavesNothingBehind() {
        byte[] key = key();
        byte[] other = key();
        String sealed = aes.seal(key, "ap_platform_key", "integration-setting:apiKey");
        String another = aes.seal(other, "another secret", "integration-setting:apiKey");

        assertThat(aes.open(key, sealed, "integration-setting:apiKey")).contains("ap_platform_key");
        assertThat(aes.open(key, sealed, "integration-setting:password")).isEmpty();
        assertThat(aes.open(other, sealed, "integration-setting:apiKey")).isEmpty();
        assertThat(aes.open(key, "AAAA", "integration-setting:apiKey")).isEmpty();
        assertThat(aes.open(key, "not base64!", "integration-setting:apiKey")).isEmpty();
        byte[] tampered = Base64.getDecoder().decode(sealed);
        tampered[tampered.length - 1] ^= 1;
        assertThat(aes.open(key, Base64.getEncoder().encodeToString(tampered), "integration-setting:apiKey"))
                .isEmpty();

        assertThat(aes.open(key, sealed, "integration-setting:apiKey")).contains("ap_platform_key");
        assertThat(aes.open(other, another, "integration-setting:apiKey")).contains("another secret");
        assertThat(aes.open(key, sealed, "integration-setting:apiKey")).contains("ap_platform_key");
    }

    @Test
    void sealingTheSameValueTwiceGivesTwoCiphertexts() {
        byte[] key = key();
        assertThat(aes.seal(key, "same", "context")).isNotEqualTo(aes.seal(key, "same", "context"));
    }

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }
}
