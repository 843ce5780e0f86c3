package io.voicegate.core.audit;

import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTest {

    private final RecordingAudit audit = new RecordingAudit();
    private final AuditTrail trail = audit.trail(Clock.systemUTC());
    private final UserId user = new UserId(UUID.randomUUID());

    @Test
    void an_outside_party_gets_a_stable_pseudonym_of_its_own_that_is_not_the_audit_pseudonym() {
        var forAgents = trail.pseudonymFor(user, "elevenlabs");

        assertThat(forAgents).isEqualTo(trail.pseudonymFor(user, "elevenlabs")).startsWith("ext_")
                .isNotEqualTo(trail.pseudonymOf(user)).doesNotContain(trail.pseudonymOf(user))
                .doesNotContain(user.toString());
        assertThat(trail.pseudonymFor(user, "openai")).as("two parties cannot join what they keep").isNotEqualTo(forAgents);
        assertThat(trail.pseudonymFor(new UserId(UUID.randomUUID()), "elevenlabs")).isNotEqualTo(forAgents);
    }

    @Test
    void erasure_changes_the_outside_pseudonym_with_the_audit_one() {
        var before = trail.pseudonymFor(user, "elevenlabs");
        trail.forget(user);
        assertThat(trail.pseudonymFor(user, "elevenlabs")).isNotEqualTo(before);
    }

    @Test
    void client_addresses_are_kept_only_as_keyed_hashes() {
        assertThat(trail.hashIp("203.0.113.9")).isEqualTo(trail.hashIp("203.0.113.9")).doesNotContain("203.0.113")
                .hasSize(64);
    }
}
