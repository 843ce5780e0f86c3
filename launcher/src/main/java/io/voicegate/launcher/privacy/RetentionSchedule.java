package io.voicegate.launcher.privacy;

import io.voicegate.core.privacy.RetentionSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the retention sweep every interval on one daemon thread; a failed sweep is logged and tried next time. */
public final class RetentionSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ScheduledExecutorService executor;

    private RetentionSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts sweeping: the first sweep one interval after start-up, then one interval after each sweep ends. */
    public static RetentionSchedule start(RetentionSweep sweep, Duration interval) {
        var executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "voicegate-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> runOnce(sweep), millis, millis, TimeUnit.MILLISECONDS);
        return new RetentionSchedule(executor);
    }

    static void runOnce(RetentionSweep sweep) {
        try {
            var result = sweep.handle();
            LOG.info("Retention sweep removed {}", result.summary());
        } catch (RuntimeException e) {
            // No message: a database error's text may carry SQL. The next run tries again.
            LOG.error("Retention sweep failed ({}); retrying at the next interval", e.getClass().getSimpleName());
        }
    }

    /** Stops the schedule, letting a running sweep finish for up to five seconds. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
