package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.core.usage.UsageStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link UsageStore} must do; run against the in-memory fake and each database. */
public abstract class UsageStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    protected abstract UsageStore store();

    protected abstract SessionStore sessions();

    protected abstract UserId newUser();

    @Test
    void records_read_back_by_owner_in_a_half_open_range_and_by_session() {
        var owner = newUser();
        var session = Sessions.created(owner, T0);
        sessions().insert(session);
        var usage = new Usage(12.5, 30.25, 100, 200, 300, 400, 50);
        var early = new UsageRecord(UUID.randomUUID(), session.id(), owner, "fake", "fake-voice-1", T0, usage);
        var late = new UsageRecord(UUID.randomUUID(), session.id(), owner, "fake", "", T0.plusSeconds(60), Usage.NONE);
        store().append(late);
        store().append(early);
        assertThat(store().forOwner(owner, T0, T0.plusSeconds(60))).containsExactly(early);
        assertThat(store().forOwner(owner, T0, T0.plusSeconds(61))).containsExactly(early, late);
        assertThat(store().forOwner(newUser(), T0, T0.plusSeconds(61))).isEmpty();
        assertThat(store().forSession(session.id())).containsExactly(early, late);
    }
}
