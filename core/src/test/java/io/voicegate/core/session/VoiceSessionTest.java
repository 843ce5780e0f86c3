package io.voicegate.core.session;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ConnectionMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VoiceSessionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    private final VoiceSession created = VoiceSession.created(new SessionId(UUID.randomUUID()),
            new UserId(UUID.randomUUID()), "fake", ConnectionMode.WEBRTC, Optional.empty(), Optional.empty(), "{}",
            T0, T0.plusSeconds(60));

    @Test
    void runs_created_active_ended_and_keeps_the_first_end_reason() {
        var active = created.start(T0.plusSeconds(10));
        assertThat(active.status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(active.start(T0.plusSeconds(20))).isSameAs(active);
        var ended = active.end(EndReason.CLIENT_CLOSED, T0.plusSeconds(70));
        assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(ended.endedAt()).contains(T0.plusSeconds(70));
        assertThat(ended.connectedFor(T0.plusSeconds(999))).isEqualTo(Duration.ofSeconds(60));
        assertThat(ended.end(EndReason.MAX_DURATION, T0.plusSeconds(80))).isSameAs(ended);
    }

    @Test
    void an_upstream_error_ends_the_session_as_failed() {
        assertThat(created.start(T0).end(EndReason.UPSTREAM_ERROR, T0.plusSeconds(1)).status()).isEqualTo(SessionStatus.FAILED);
    }

    @Test
    void refuses_transitions_out_of_terminal_states_and_late_starts() {
        var ended = created.end(EndReason.ENDED_BY_USER, T0.plusSeconds(1));
        assertThatThrownBy(() -> ended.start(T0.plusSeconds(2))).isInstanceOf(SessionConflict.class);
        assertThatThrownBy(() -> created.start(T0.plusSeconds(60))).isInstanceOf(SessionConflict.class);
        assertThatThrownBy(() -> created.expire(T0.plusSeconds(59))).isInstanceOf(SessionConflict.class);
        var expired = created.expire(T0.plusSeconds(60));
        assertThat(expired.status()).isEqualTo(SessionStatus.EXPIRED);
        assertThat(expired.endReason()).isEmpty();
        assertThatThrownBy(() -> expired.start(T0.plusSeconds(61))).isInstanceOf(SessionConflict.class);
        assertThatThrownBy(() -> created.start(T0).expire(T0.plusSeconds(61))).isInstanceOf(SessionConflict.class);
    }

    @Test
    void counts_as_live_while_active_or_created_with_a_valid_credential() {
        assertThat(created.isLiveAt(T0.plusSeconds(59))).isTrue();
        assertThat(created.isLiveAt(T0.plusSeconds(60))).isFalse();
        assertThat(created.start(T0).isLiveAt(T0.plusSeconds(3600))).isTrue();
    }

    @Test
    void cursors_round_trip_and_garbage_is_no_cursor() {
        var cursor = new SessionCursor(Instant.parse("2026-01-05T10:00:00.123456Z"), created.id());
        assertThat(SessionCursor.decode(cursor.encode())).contains(cursor);
        assertThat(SessionCursor.decode("bm9wZQ")).isEmpty();
        assertThat(SessionCursor.decode("%%%")).isEmpty();
        assertThat(SessionId.parse("not-a-uuid")).isEmpty();
        assertThat(SessionId.parse(created.id().toString())).contains(created.id());
    }

    @Test
    void connected_time_within_a_range_is_clipped_to_it() {
        var ended = created.start(T0.plusSeconds(10)).end(EndReason.CLIENT_CLOSED, T0.plusSeconds(130));
        assertThat(ended.connectedWithin(T0.plusSeconds(70), T0.plusSeconds(100), T0.plusSeconds(999))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ended.connectedWithin(T0, T0.plusSeconds(3600), T0.plusSeconds(999))).isEqualTo(Duration.ofSeconds(120));
        assertThat(created.start(T0).connectedWithin(T0, T0.plusSeconds(3600), T0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(created.connectedWithin(T0, T0.plusSeconds(3600), T0.plusSeconds(60))).isZero();
    }
}
