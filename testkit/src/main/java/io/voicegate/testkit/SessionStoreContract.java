package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionCursor;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.VoiceSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SessionStore} must do; run against the in-memory fake and each database. */
public abstract class SessionStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");

    protected abstract SessionStore store();

    /** A user that exists (the database needs the row a session refers to). */
    protected abstract UserId newUser();

    @Test
    void a_stored_session_reads_back_equal_with_every_field() {
        var owner = newUser();
        var session = Sessions.created(owner, T0);
        store().insert(session);
        assertThat(store().find(session.id())).contains(session);
        assertThat(store().find(new SessionId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void update_applies_only_when_the_status_is_still_the_expected_one() {
        var session = Sessions.created(newUser(), T0);
        store().insert(session);
        var started = session.start(T0.plusSeconds(5));
        assertThat(store().update(started, SessionStatus.CREATED)).isTrue();
        var ended = started.end(EndReason.CLIENT_CLOSED, T0.plusSeconds(65));
        assertThat(store().update(ended.withTranscriptStored(false), SessionStatus.CREATED)).as("stale expectation").isFalse();
        assertThat(store().update(ended, SessionStatus.ACTIVE)).isTrue();
        assertThat(store().find(session.id())).contains(ended);
        assertThat(ended.endReason()).contains(EndReason.CLIENT_CLOSED);
    }

    @Test
    void lists_the_owners_sessions_newest_first_with_cursor_and_status_filter() {
        var owner = newUser();
        var other = newUser();
        var all = new ArrayList<VoiceSession>();
        for (int i = 0; i < 5; i++) {
            var s = Sessions.created(owner, T0.plusSeconds(i));
            store().insert(s);
            all.add(0, s);
        }
        var twin = Sessions.created(owner, T0.plusSeconds(4));
        store().insert(twin);
        store().insert(Sessions.created(other, T0.plusSeconds(10)));
        var started = all.get(1).start(T0.plusSeconds(20));
        store().update(started, SessionStatus.CREATED);

        var first = store().listOwned(owner, Optional.empty(), Optional.empty(), 3);
        assertThat(first).hasSize(3).allMatch(s -> s.isOwnedBy(owner));
        assertThat(first).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()) != 0
                ? b.createdAt().compareTo(a.createdAt()) : b.id().toString().compareTo(a.id().toString()));
        var rest = store().listOwned(owner, Optional.empty(), Optional.of(SessionCursor.after(first.get(2))), 10);
        assertThat(rest).hasSize(3).doesNotContainAnyElementsOf(first);
        assertThat(store().listOwned(owner, Optional.of(SessionStatus.ACTIVE), Optional.empty(), 10)).containsExactly(started);
    }

    @Test
    void counts_active_and_unexpired_created_sessions_as_live() {
        var owner = newUser();
        var expiredOne = Sessions.created(owner, T0);
        var freshOne = Sessions.created(owner, T0.plusSeconds(50));
        var activeOne = Sessions.created(owner, T0);
        var endedOne = Sessions.created(owner, T0);
        store().insert(expiredOne);
        store().insert(freshOne);
        store().insert(activeOne);
        store().insert(endedOne);
        store().update(activeOne.start(T0.plusSeconds(1)), SessionStatus.CREATED);
        store().update(endedOne.end(EndReason.ENDED_BY_USER, T0.plusSeconds(1)), SessionStatus.CREATED);
        assertThat(store().countLive(owner, T0.plusSeconds(70))).isEqualTo(2);
        assertThat(store().countLive(newUser(), T0)).isZero();
    }

    @Test
    void finds_created_sessions_past_their_expiry_and_active_ones_started_before_a_cutoff() {
        var owner = newUser();
        var stale = Sessions.created(owner, T0);
        var fresh = Sessions.created(owner, T0.plusSeconds(100));
        var longRunning = Sessions.created(owner, T0).start(T0.plusSeconds(1));
        var recent = Sessions.created(owner, T0).start(T0.plusSeconds(30));
        store().insert(stale);
        store().insert(fresh);
        store().insert(Sessions.created(longRunning.id(), owner, T0));
        store().update(longRunning, SessionStatus.CREATED);
        store().insert(Sessions.created(recent.id(), owner, T0));
        store().update(recent, SessionStatus.CREATED);

        assertThat(store().createdExpiredBy(T0.plus(Duration.ofSeconds(60)), 10)).containsExactly(stale);
        assertThat(store().activeStartedBy(T0.plusSeconds(10), 10)).containsExactly(longRunning);
        assertThat(store().activeStartedBy(Instant.parse("9999-12-31T00:00:00Z"), 1)).containsExactly(longRunning);
    }

    @Test
    void owned_between_holds_sessions_created_in_the_range_and_older_ones_connected_into_it() {
        var owner = newUser();
        var before = Sessions.created(owner, T0.minusSeconds(3600));
        var beforeActive = Sessions.created(owner, T0.minusSeconds(3600));
        var beforeEndedInside = Sessions.created(owner, T0.minusSeconds(3600));
        var beforeEndedBefore = Sessions.created(owner, T0.minusSeconds(3600));
        var inside = Sessions.created(owner, T0.plusSeconds(10));
        var after = Sessions.created(owner, T0.plusSeconds(7200));
        for (var s : new VoiceSession[]{before, beforeActive, beforeEndedInside, beforeEndedBefore, inside, after}) store().insert(s);
        var active = beforeActive.start(T0.minusSeconds(3590));
        store().update(active, SessionStatus.CREATED);
        var endedInside = beforeEndedInside.start(T0.minusSeconds(3590)).end(EndReason.CLIENT_CLOSED, T0.plusSeconds(5));
        store().update(endedInside, SessionStatus.CREATED);
        var endedBefore = beforeEndedBefore.start(T0.minusSeconds(3590)).end(EndReason.CLIENT_CLOSED, T0.minusSeconds(5));
        store().update(endedBefore, SessionStatus.CREATED);
        assertThat(store().ownedBetween(owner, T0, T0.plusSeconds(3600))).containsExactlyInAnyOrder(active, endedInside, inside);
    }
}
