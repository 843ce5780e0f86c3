package io.voicegate.core.consent;

import io.voicegate.core.InvalidField;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RecordingAudit;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantConsentTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final InMemoryConsents consents = new InMemoryConsents();
    private final RecordingAudit audit = new RecordingAudit();
    private final List<Purpose> withdrawn = new ArrayList<>();
    private final UserId user = new UserId(UUID.randomUUID());
    private final RequestContext request = RequestContext.of("req-1", "203.0.113.9");

    private GrantConsent grant(ConsentPolicy policy, ConsentWithdrawalListener listener) {
        return new GrantConsent(consents, policy, audit.trail(clock), listener, clock, UUID::randomUUID);
    }

    private GrantConsent grant() {
        return grant(ConsentPolicy.of(2, 1), (u, p) -> withdrawn.add(p));
    }

    @Test
    void a_grant_is_recorded_with_time_version_and_a_keyed_hash_of_the_address_and_audited() {
        var consent = grant().handle(new GrantConsent.Command(user, Purpose.VOICE_PROCESSING, 2, true, request));

        assertThat(consents.history(user)).containsExactly(consent);
        assertThat(consent.at()).isEqualTo(clock.instant());
        assertThat(consent.version()).isEqualTo(2);
        assertThat(consent.ipHash()).hasValueSatisfying(hash ->
                assertThat(hash).hasSize(64).doesNotContain("203.0.113.9"));
        var event = audit.events.get(0);
        assertThat(event.action()).isEqualTo("consent.granted");
        assertThat(event.resourceId()).contains("voice_processing");
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.actor()).isEqualTo(audit.of(user)).doesNotContain(user.toString());
        assertThat(event.ipHash()).isEqualTo(consent.ipHash());
        assertThat(withdrawn).isEmpty();
    }

    @Test
    void a_withdrawal_is_appended_audited_and_announced_to_the_listener() {
        grant().handle(new GrantConsent.Command(user, Purpose.VOICE_PROCESSING, 2, true, request));
        grant().handle(new GrantConsent.Command(user, Purpose.VOICE_PROCESSING, 2, false, request));

        assertThat(consents.history(user)).extracting(Consent::granted).containsExactly(true, false);
        assertThat(audit.actions()).containsExactly("consent.granted", "consent.withdrawn");
        assertThat(withdrawn).containsExactly(Purpose.VOICE_PROCESSING);
    }

    @Test
    void a_version_newer_than_the_current_policy_is_refused_naming_the_field() {
        assertThatThrownBy(() -> grant().handle(new GrantConsent.Command(user, Purpose.TRANSCRIPT_STORAGE, 2, true, request)))
                .isInstanceOfSatisfying(InvalidField.class, e -> {
                    assertThat(e.kind()).isEqualTo(VoicegateException.Kind.INVALID);
                    assertThat(e.details()).containsEntry("pointer", "/version");
                });
        assertThat(consents.all).isEmpty();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void a_failing_listener_does_not_undo_the_recorded_withdrawal() {
        var failing = grant(ConsentPolicy.defaults(), (u, p) -> { throw new IllegalStateException("boom"); });
        var consent = failing.handle(new GrantConsent.Command(user, Purpose.VOICE_PROCESSING, 1, false, request));
        assertThat(consents.history(user)).containsExactly(consent);
        assertThat(audit.actions()).containsExactly("consent.withdrawn");
    }

    @Test
    void without_a_client_address_no_hash_is_kept() {
        var consent = grant().handle(new GrantConsent.Command(user, Purpose.TRANSCRIPT_STORAGE, 1, true,
                new RequestContext("req-2", Optional.empty())));
        assertThat(consent.ipHash()).isEmpty();
    }
}
