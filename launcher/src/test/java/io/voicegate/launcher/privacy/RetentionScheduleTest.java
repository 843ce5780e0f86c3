package io.voicegate.launcher.privacy;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.RetentionPolicy;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryPseudonyms;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RetentionScheduleTest {

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private final InMemoryAuditLog log = new InMemoryAuditLog();

    private RetentionSweep sweep(ExpiringData data) {
        var trail = new AuditTrail(log, new InMemoryPseudonyms(), clock, new SequentialIds(), new byte[32]);
        return new RetentionSweep(RetentionPolicy.ofDays(90, 730), List.of(data), log, trail, clock);
    }

    @Test
    void a_failing_sweep_is_logged_and_does_not_end_the_schedule() {
        var failing = sweep(new ExpiringData() {
            @Override
            public String name() {
                return "voice_sessions";
            }

            @Override
            public int deleteOlderThan(Instant cutoff, int limit) {
                throw new IllegalStateException("SELECT secret FROM somewhere");
            }
        });
        assertThatCode(() -> RetentionSchedule.runOnce(failing)).doesNotThrowAnyException();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void a_successful_run_sweeps_and_audits() {
        var quiet = sweep(new ExpiringData() {
            @Override
            public String name() {
                return "voice_sessions";
            }

            @Override
            public int deleteOlderThan(Instant cutoff, int limit) {
                return 0;
            }
        });
        RetentionSchedule.runOnce(quiet);
        assertThat(log.events()).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("retention.swept"));
    }
}
