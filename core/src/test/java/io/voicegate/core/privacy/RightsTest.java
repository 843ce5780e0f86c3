package io.voicegate.core.privacy;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RecordingAudit;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RightsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final RecordingAudit audit = new RecordingAudit();
    private final UserId user = new UserId(UUID.randomUUID());
    private final UserId other = new UserId(UUID.randomUUID());
    private final RequestContext request = RequestContext.of("req-9", "192.0.2.1");
    private final List<String> calls = new ArrayList<>();

    /** A store section holding a list of strings per user. */
    private final class Section implements PersonalData {
        final String name;
        final Map<UserId, List<String>> rows = new HashMap<>();

        Section(String name) {
            this.name = name;
        }

        @Override
        public String section() {
            return name;
        }

        @Override
        public Object export(UserId who) {
            return rows.getOrDefault(who, List.of());
        }

        @Override
        public int erase(UserId who) {
            calls.add("erase " + name);
            var removed = rows.remove(who);
            return removed == null ? 0 : removed.size();
        }
    }

    @Test
    void the_export_holds_every_section_and_every_audit_event_about_the_user_across_pages() {
        var profile = new Section("profile");
        profile.rows.put(user, List.of("Ada"));
        var consents = new Section("consents");
        consents.rows.put(user, List.of("a", "b"));
        consents.rows.put(other, List.of("not mine"));
        var trail = audit.trail(clock);
        for (int i = 0; i < 501; i++) trail.userAction(user, "session.read", "session", "s" + i, Outcome.SUCCESS, request);
        trail.userAction(other, "session.read", "session", "x", Outcome.SUCCESS, request);

        var export = new ExportUserData(List.of(profile, consents), audit, trail, clock).handle(user, request);

        assertThat(export.sections()).containsOnlyKeys("profile", "consents", "audit_events");
        assertThat(export.sections().get("consents")).isEqualTo(List.of("a", "b"));
        @SuppressWarnings("unchecked")
        var events = (List<AuditEvent>) export.sections().get("audit_events");
        assertThat(events).hasSize(501).allSatisfy(e -> assertThat(e.subject()).contains(audit.of(user)));
        assertThat(export.exportedAt()).isEqualTo(clock.instant());
        assertThat(audit.actions()).last().isEqualTo("user.exported");
    }

    @Test
    void a_user_lists_only_the_events_about_them_page_by_page() {
        var trail = audit.trail(clock);
        for (int i = 0; i < 3; i++) trail.userAction(user, "session.read", "session", "s" + i, Outcome.SUCCESS, request);
        trail.userAction(other, "session.read", "session", "x", Outcome.SUCCESS, request);
        var list = new io.voicegate.core.audit.ListAuditEvents(audit, trail);

        var first = list.handle(user, Optional.empty(), 2, request);
        var second = list.handle(user, first.next(), 2, request);

        assertThat(first.events()).hasSize(2);
        assertThat(second.events()).hasSize(1);
        assertThat(second.next()).isEmpty();
        assertThat(first.events()).extracting(AuditEvent::subject).containsOnly(Optional.of(audit.of(user)));
        assertThat(first.events()).extracting(AuditEvent::action).containsOnly("session.read");
        assertThat(audit.actions()).as("reading the trail is audited too").endsWith("audit.read", "audit.read");
    }

    @Test
    void two_stores_cannot_claim_the_same_section() {
        assertThatThrownBy(() -> new ExportUserData(List.of(new Section("a"), new Section("a")), audit, audit.trail(clock), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExportUserData(List.of(new Section("audit_events")), audit, audit.trail(clock), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erasure_ends_sessions_deletes_every_section_audits_under_the_old_pseudonym_then_forgets_it() {
        var consents = new Section("consents");
        consents.rows.put(user, List.of("a", "b"));
        var profile = new Section("profile");
        profile.rows.put(user, List.of("Ada"));
        var trail = audit.trail(clock);
        var pseudonym = trail.pseudonymOf(user);

        var result = new EraseUserData(List.of(consents, profile), (who, reason) -> calls.add("end " + reason), trail)
                .handle(user, request);

        assertThat(calls).containsExactly("end user_erased", "erase consents", "erase profile");
        assertThat(result.deleted()).containsEntry("consents", 2).containsEntry("profile", 1);
        assertThat(result.total()).isEqualTo(3);
        var erased = audit.events.get(audit.events.size() - 1);
        assertThat(erased.action()).isEqualTo("user.erased");
        assertThat(erased.actor()).isEqualTo(pseudonym);
        assertThat(erased.subject()).contains(pseudonym);
        assertThat(erased.detail()).contains("rows=3");
        assertThat(audit.knows(user)).as("pseudonym key forgotten").isFalse();
        assertThat(trail.pseudonymOf(user)).as("a later pseudonym is unrelated").isNotEqualTo(pseudonym);
    }

    @Test
    void the_sweep_deletes_exactly_what_is_older_than_each_period_in_batches_and_audits_the_counts() {
        var now = clock.instant();
        var sessionCutoff = now.minus(java.time.Duration.ofDays(90));
        var sessions = new ArrayList<Instant>();
        sessions.add(sessionCutoff);                   // exactly at the boundary: kept
        sessions.add(sessionCutoff.minusNanos(1000));  // a microsecond older: deleted
        for (int i = 0; i < 5; i++) sessions.add(sessionCutoff.minusSeconds(i + 1));
        var batches = new ArrayList<Integer>();
        ExpiringData voiceSessions = new ExpiringData() {
            @Override
            public String name() {
                return "voice_sessions";
            }

            @Override
            public int deleteOlderThan(Instant cutoff, int limit) {
                var doomed = sessions.stream().filter(t -> t.isBefore(cutoff)).limit(limit).toList();
                sessions.removeAll(doomed);
                batches.add(doomed.size());
                return doomed.size();
            }
        };
        var auditCutoff = now.minus(java.time.Duration.ofDays(730));
        audit.append(eventAt(auditCutoff));
        audit.append(eventAt(auditCutoff.minusNanos(1000)));

        var sweep = new RetentionSweep(new RetentionPolicy(java.time.Duration.ofDays(90), java.time.Duration.ofDays(730), 2),
                List.of(voiceSessions), audit, audit.trail(clock), clock);
        var result = sweep.handle();

        assertThat(result.removed()).containsExactly(Map.entry("voice_sessions", 6), Map.entry("audit_events", 1));
        assertThat(batches).containsExactly(2, 2, 2, 0);
        assertThat(sessions).containsExactly(sessionCutoff);
        assertThat(audit.events).extracting(AuditEvent::at).contains(auditCutoff);
        var swept = audit.events.get(audit.events.size() - 1);
        assertThat(swept.action()).isEqualTo("retention.swept");
        assertThat(swept.actor()).isEqualTo("system");
        assertThat(swept.detail()).contains("voice_sessions=6 audit_events=1");
        assertThat(sweep.handle().total()).as("a second sweep finds nothing").isZero();
    }

    private static AuditEvent eventAt(Instant at) {
        return new AuditEvent(UUID.randomUUID(), "system", Optional.empty(), "x", "x", Optional.empty(),
                Outcome.SUCCESS, at, "r", Optional.empty(), Optional.empty());
    }
}
