package io.voicegate.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCursorTest {

    @Test
    void a_cursor_survives_its_text_form() {
        var cursor = new AuditCursor(Instant.parse("2025-03-04T05:06:07.123456Z"), UUID.randomUUID());
        assertThat(AuditCursor.parse(cursor.encode())).contains(cursor);
    }

    @Test
    void text_that_is_not_a_cursor_is_rejected() {
        assertThat(AuditCursor.parse("garbage")).isEmpty();
        assertThat(AuditCursor.parse("1.2~not-a-uuid-not-a-uuid-not-a-uuid-x")).isEmpty();
        assertThat(AuditCursor.parse(null)).isEmpty();
    }

    @Test
    void a_page_read_with_one_extra_event_says_where_the_next_page_starts() {
        var events = List.of(event(3), event(2), event(1));
        var page = AuditPage.of(events, 2);
        assertThat(page.events()).hasSize(2);
        assertThat(page.next()).contains(AuditCursor.of(events.get(1)));
        assertThat(AuditPage.of(events, 3).next()).isEmpty();
    }

    @Test
    void older_events_and_equal_times_with_smaller_ids_follow_the_cursor() {
        var cursor = AuditCursor.of(event(5));
        assertThat(cursor.precedes(event(4))).isTrue();
        assertThat(cursor.precedes(event(5))).isFalse();
        assertThat(cursor.precedes(event(6))).isFalse();
    }

    private static AuditEvent event(int n) {
        return new AuditEvent(new UUID(0, n), "a", Optional.of("s"), "x.read", "x", Optional.empty(), Outcome.SUCCESS,
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(n / 2), "req", Optional.empty(), Optional.empty());
    }
}
