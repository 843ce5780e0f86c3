package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.TranscriptStore;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.session.VoiceSession;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link TranscriptStore} must do; run against the in-memory fake and each database. */
public abstract class TranscriptStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    protected abstract TranscriptStore store();

    protected abstract SessionStore sessions();

    protected abstract UserId newUser();

    private VoiceSession session() {
        var session = Sessions.created(newUser(), T0);
        sessions().insert(session);
        return session;
    }

    @Test
    void turns_read_back_in_order_and_a_replayed_item_is_stored_once() {
        var session = session();
        var second = new Turn(session.id(), "item_2", TurnRole.ASSISTANT, "Hallo, wie kann ich helfen? ✓", T0.plusSeconds(3), T0.plusSeconds(5));
        var first = new Turn(session.id(), "item_1", TurnRole.USER, "Hi", T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(store().append(second)).isTrue();
        assertThat(store().append(first)).isTrue();
        assertThat(store().append(new Turn(session.id(), "item_1", TurnRole.USER, "Hi again", T0.plusSeconds(9), T0.plusSeconds(9))))
                .as("same item id").isFalse();
        assertThat(store().turns(session.id())).containsExactly(first, second);
    }

    @Test
    void append_all_skips_known_items_and_counts_what_it_stored() {
        var session = session();
        var known = new Turn(session.id(), "item_1", TurnRole.USER, "Hi", T0, T0);
        store().append(known);
        var batch = List.of(known,
                new Turn(session.id(), "item_2", TurnRole.ASSISTANT, "Hello", T0.plusSeconds(1), T0.plusSeconds(2)),
                new Turn(session.id(), "item_3", TurnRole.TOOL, "{\"ok\":true}", T0.plusSeconds(3), T0.plusSeconds(3)));
        assertThat(store().appendAll(batch)).isEqualTo(2);
        assertThat(store().appendAll(batch)).isZero();
        assertThat(store().turns(session.id())).hasSize(3);
    }

    @Test
    void item_ids_are_scoped_to_their_session() {
        var a = session();
        var b = session();
        assertThat(store().append(new Turn(a.id(), "item_1", TurnRole.USER, "A", T0, T0))).isTrue();
        assertThat(store().append(new Turn(b.id(), "item_1", TurnRole.USER, "B", T0, T0))).isTrue();
        assertThat(store().turns(a.id())).extracting(Turn::text).containsExactly("A");
        assertThat(store().turns(b.id())).extracting(Turn::text).containsExactly("B");
    }

    @Test
    void a_long_turn_is_kept_whole() {
        var session = session();
        var text = "ä".repeat(Turn.MAX_TEXT_BYTES / 2);
        store().append(new Turn(session.id(), "item_long", TurnRole.ASSISTANT, text, T0, T0.plusSeconds(60)));
        assertThat(store().turns(session.id())).singleElement().extracting(Turn::text).isEqualTo(text);
    }
}
