package io.voicegate.testkit;

import io.voicegate.core.audit.AuditCursor;
import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.AuditHistory;
import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every audit store ({@link AuditLog} and {@link AuditHistory} in one) must do. Event times lie years in the
 * past, so a database that refuses to delete young events still lets the retention cases run.
 */
public abstract class AuditLogContract {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    /** A fresh, empty store; called once per test. */
    protected abstract AuditLog newStore();

    private AuditLog log;
    private AuditHistory history;

    @BeforeEach
    void createStore() {
        log = newStore();
        history = (AuditHistory) log;
    }

    private AuditEvent append(String subject, long second) {
        var event = new AuditEvent(UUID.randomUUID(), subject == null ? "system" : subject, Optional.ofNullable(subject),
                "session.read", "session", Optional.of("sess_" + second), Outcome.SUCCESS, T0.plusSeconds(second),
                "req_" + second, Optional.of("cd".repeat(32)), Optional.of("n=" + second));
        log.append(event);
        return event;
    }

    @Test
    void a_subjects_events_come_back_newest_first_with_every_field() {
        var older = append("psn_a", 1);
        var newer = append("psn_a", 2);
        append("psn_b", 3);
        var anonymous = new AuditEvent(UUID.randomUUID(), "anonymous", Optional.empty(), "login.failed", "user",
                Optional.empty(), Outcome.DENIED, T0, "req", Optional.empty(), Optional.empty());
        log.append(anonymous);

        var page = history.about("psn_a", Optional.empty(), 10);
        assertThat(page.events()).containsExactly(newer, older);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats_even_with_equal_times() {
        var expected = new ArrayList<AuditEvent>();
        for (int i = 0; i < 7; i++) expected.add(append("psn_a", i / 2));

        var seen = new ArrayList<AuditEvent>();
        Optional<AuditCursor> after = Optional.empty();
        int pages = 0;
        do {
            var page = history.about("psn_a", after, 3);
            assertThat(page.events().size()).isLessThanOrEqualTo(3);
            seen.addAll(page.events());
            after = page.next();
            pages++;
        } while (after.isPresent());

        // Ties in time are ordered by id in the store's own UUID order, so only the time order is fixed here.
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).extracting(AuditEvent::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void retention_deletes_only_events_strictly_older_than_the_cutoff_in_batches_oldest_first() {
        var events = new ArrayList<AuditEvent>();
        for (int i = 0; i < 5; i++) events.add(append(i % 2 == 0 ? "psn_a" : null, i));
        var cutoff = T0.plusSeconds(3);

        assertThat(history.deleteOlderThan(cutoff, 2)).isEqualTo(2);
        assertThat(history.deleteOlderThan(cutoff, 2)).isEqualTo(1);
        assertThat(history.deleteOlderThan(cutoff, 2)).isZero();
        assertThat(history.about("psn_a", Optional.empty(), 10).events()).containsExactly(events.get(4));
    }

    @Test
    void events_survive_when_nothing_is_old_enough() {
        var kept = append("psn_a", 10);
        assertThat(history.deleteOlderThan(T0.plusSeconds(10), 100)).isZero();
        assertThat(history.about("psn_a", Optional.empty(), 1).events()).isEqualTo(List.of(kept));
    }
}
