package io.voicegate.core.session;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionRefTest {

    @Test
    void generated_references_are_22_base64url_characters_and_distinct() {
        var generator = SessionRefGenerator.secure();
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var ref = generator.next();
            assertThat(ref.value()).matches("[A-Za-z0-9_-]{22}");
            seen.add(ref.value());
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void parse_refuses_text_not_shaped_like_a_reference() {
        assertThat(SessionRef.parse(null)).isEmpty();
        assertThat(SessionRef.parse("short")).isEmpty();
        assertThat(SessionRef.parse("aaaaaaaaaaaaaaaaaaaaa=")).isEmpty();
        assertThat(SessionRef.parse("AAAAAAAAAAAAAAAAAAAAAA")).isPresent();
        assertThatThrownBy(() -> new SessionRef("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void to_string_does_not_reveal_the_reference() {
        var ref = SessionRef.random(new SecureRandom());
        assertThat(ref.toString()).doesNotContain(ref.value());
    }
}
