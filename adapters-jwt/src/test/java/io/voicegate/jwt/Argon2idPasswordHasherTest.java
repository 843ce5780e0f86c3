package io.voicegate.jwt;

import io.voicegate.core.identity.Password;
import io.voicegate.core.identity.PasswordHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idPasswordHasherTest {

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(64, 1, 1);

    @Test
    void hashes_to_a_salted_phc_string_that_verifies_only_the_same_password() {
        var hash = hasher.hash(new Password("correct horse battery"));
        assertThat(hash.encoded()).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("correct horse");
        assertThat(hasher.hash(new Password("correct horse battery"))).as("salted").isNotEqualTo(hash);
        assertThat(hasher.matches(new Password("correct horse battery"), hash)).isTrue();
        assertThat(hasher.matches(new Password("correct horse batterY"), hash)).isFalse();
    }

    @Test
    void a_hash_keeps_its_own_parameters_when_the_cost_is_raised() {
        var old = hasher.hash(new Password("0123456789"));
        assertThat(new Argon2idPasswordHasher(128, 2, 1).matches(new Password("0123456789"), old)).isTrue();
    }

    @Test
    void matches_the_rfc_9106_style_reference_shape_and_refuses_malformed_hashes() {
        assertThat(hasher.matches(new Password("0123456789"), new PasswordHash("$2a$10$bcrypt"))).isFalse();
        assertThat(hasher.matches(new Password("0123456789"), new PasswordHash("$argon2id$v=19$m=64,t=1,p=1$!!$!!"))).isFalse();
    }
}
