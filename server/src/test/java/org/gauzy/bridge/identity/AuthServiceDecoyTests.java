package org.gauzy.bridge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The decoy that an unknown email's password is checked against must cost what a real hash costs, or sign-in
 * would tell which emails exist by how fast it refuses. It is a constant, so these checks stand in for the
 * hashing that used to make it at start-up.
 */
class AuthServiceDecoyTests {

    /** The encoder {@code SecurityConfiguration} declares. */
    PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void theDecoyHasTheCostAndSchemeOfAHashMadeToday() {
        String made = passwords.encode("a password someone chose");
        String scheme = made.substring(0, made.lastIndexOf('$') + 1);

        assertThat(AuthService.DECOY_HASH).startsWith(scheme);
        // Throws for a hash the encoder would not even try (it would then refuse at once), and is true for a
        // hash of a lower cost than the encoder's.
        assertThat(passwords.upgradeEncoding(AuthService.DECOY_HASH)).isFalse();
    }

    @Test
    void noPasswordFitsTheDecoyYetItIsHashedLikeAnyOther() {
        String bcrypt = AuthService.DECOY_HASH.substring("{bcrypt}".length());

        // checkpw throws on a salt it cannot read; here it hashes and compares, as for a real user.
        assertThat(BCrypt.checkpw("", bcrypt)).isFalse();
        assertThat(BCrypt.checkpw("a password someone chose", bcrypt)).isFalse();
        assertThat(passwords.matches("a password someone chose", AuthService.DECOY_HASH))
                .isFalse();
    }
}
