package io.voicegate.core.identity;

import io.voicegate.core.InvalidField;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialRulesTest {

    @Test
    void an_email_is_trimmed_and_lower_cased() {
        assertThat(Email.of("  Ada@Example.COM ").value()).isEqualTo("ada@example.com");
    }

    @Test
    void a_malformed_email_names_the_field() {
        assertThatThrownBy(() -> Email.of("not-an-email")).isInstanceOf(InvalidField.class)
                .satisfies(e -> assertThat(((InvalidField) e).details()).containsEntry("pointer", "/email"));
        assertThatThrownBy(() -> Email.of(null)).isInstanceOf(InvalidField.class);
    }

    @Test
    void a_new_password_needs_ten_to_1024_characters() {
        assertThat(new Password("0123456789").requireAcceptableForNewAccount()).isNotNull();
        assertThatThrownBy(() -> new Password("012345678").requireAcceptableForNewAccount()).isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> new Password("x".repeat(1025)).requireAcceptableForNewAccount()).isInstanceOf(InvalidField.class);
    }

    @Test
    void secrets_never_print() {
        assertThat(new Password("0123456789").toString()).doesNotContain("0123456789");
        assertThat(new PasswordHash("$argon2id$v=19$abc").toString()).doesNotContain("argon2id");
        var access = new AccessToken("eyJ.secret.sig", Instant.EPOCH);
        assertThat(access.toString()).doesNotContain("secret");
        assertThat(new Tokens(access, "rt_secret", Instant.EPOCH).toString()).doesNotContain("secret");
    }

    @Test
    void the_stored_form_of_a_refresh_token_is_its_sha256() {
        assertThat(SessionTokens.hash("rt_abc")).hasSize(64).isNotEqualTo("rt_abc").isEqualTo(SessionTokens.hash("rt_abc"));
    }

    @Test
    void a_refresh_token_is_expired_from_its_expiry_instant_on() {
        var token = new RefreshToken("h", UUID.randomUUID(), new UserId(UUID.randomUUID()), Instant.EPOCH,
                Instant.EPOCH.plusSeconds(10), Optional.empty(), false);
        assertThat(token.isExpiredAt(Instant.EPOCH.plusSeconds(9))).isFalse();
        assertThat(token.isExpiredAt(Instant.EPOCH.plusSeconds(10))).isTrue();
    }
}
