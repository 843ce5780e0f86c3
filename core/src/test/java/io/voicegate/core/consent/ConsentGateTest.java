package io.voicegate.core.consent;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.RecordingAudit;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentGateTest {

    private final InMemoryConsents consents = new InMemoryConsents();
    private final UserId user = new UserId(UUID.randomUUID());
    private Instant at = Instant.parse("2025-01-01T00:00:00Z");

    private void answer(Purpose purpose, int version, boolean granted) {
        at = at.plusSeconds(1);
        consents.append(new Consent(UUID.randomUUID(), user, purpose, version, granted, at, Optional.empty()));
    }

    @Test
    void without_any_answer_voice_processing_is_refused_naming_purpose_and_version() {
        var gate = new ConsentGate(consents, ConsentPolicy.of(3, 1));
        assertThatThrownBy(() -> gate.requireVoiceProcessing(user))
                .isInstanceOfSatisfying(ConsentRequired.class, e -> {
                    assertThat(e.kind()).isEqualTo(VoicegateException.Kind.FORBIDDEN);
                    assertThat(e.code()).isEqualTo("consent_required");
                    assertThat(e.details()).containsEntry("purpose", "voice_processing").containsEntry("required_version", 3);
                });
    }

    @Test
    void a_consent_to_an_older_policy_version_is_not_enough() {
        answer(Purpose.VOICE_PROCESSING, 1, true);
        assertThatCode(() -> new ConsentGate(consents, ConsentPolicy.of(1, 1)).requireVoiceProcessing(user)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ConsentGate(consents, ConsentPolicy.of(2, 1)).requireVoiceProcessing(user))
                .isInstanceOf(ConsentRequired.class);
    }

    @Test
    void the_latest_answer_wins() {
        answer(Purpose.VOICE_PROCESSING, 1, true);
        answer(Purpose.VOICE_PROCESSING, 1, false);
        var gate = new ConsentGate(consents, ConsentPolicy.defaults());
        assertThat(gate.allows(user, Purpose.VOICE_PROCESSING)).isFalse();
        answer(Purpose.VOICE_PROCESSING, 1, true);
        assertThat(gate.allows(user, Purpose.VOICE_PROCESSING)).isTrue();
    }

    @Test
    void transcripts_may_be_stored_only_with_a_current_transcript_storage_consent() {
        var gate = new ConsentGate(consents, ConsentPolicy.defaults());
        answer(Purpose.VOICE_PROCESSING, 1, true);
        assertThat(gate.mayStoreTranscripts(user)).isFalse();
        answer(Purpose.TRANSCRIPT_STORAGE, 1, true);
        assertThat(gate.mayStoreTranscripts(user)).isTrue();
        answer(Purpose.TRANSCRIPT_STORAGE, 1, false);
        assertThat(gate.mayStoreTranscripts(user)).isFalse();
    }

    @Test
    void a_new_session_needs_voice_processing_and_learns_whether_transcripts_may_be_stored() {
        var gate = new ConsentGate(consents, ConsentPolicy.defaults());
        assertThatThrownBy(() -> gate.forNewSession(user)).isInstanceOf(ConsentRequired.class);
        answer(Purpose.VOICE_PROCESSING, 1, true);
        assertThat(gate.forNewSession(user)).isEqualTo(new SessionConsent(false));
        answer(Purpose.TRANSCRIPT_STORAGE, 1, true);
        assertThat(gate.forNewSession(user).storeTranscripts()).isTrue();
    }

    @Test
    void the_status_lists_every_purpose_with_what_is_required_and_what_was_answered() {
        answer(Purpose.VOICE_PROCESSING, 1, true);
        answer(Purpose.TRANSCRIPT_STORAGE, 1, false);
        var audit = new RecordingAudit();
        var status = new GetConsentStatus(consents, ConsentPolicy.of(2, 1), audit.trail(java.time.Clock.systemUTC()))
                .handle(user, RequestContext.system("test"));

        var voice = status.of(Purpose.VOICE_PROCESSING);
        assertThat(voice.required()).isTrue();
        assertThat(voice.requiredVersion()).isEqualTo(2);
        assertThat(voice.granted()).isTrue();
        assertThat(voice.grantedVersion()).contains(1);
        assertThat(voice.upToDate()).isFalse();
        var transcripts = status.of(Purpose.TRANSCRIPT_STORAGE);
        assertThat(transcripts.required()).isFalse();
        assertThat(transcripts.granted()).isFalse();
        assertThat(transcripts.grantedVersion()).isEmpty();
        assertThat(transcripts.upToDate()).isFalse();
        assertThat(audit.actions()).containsExactly("consent.read");
    }
}
