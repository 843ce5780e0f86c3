package io.voicegate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens N realtime WebSocket sessions and streams 20 ms frames of 24 kHz PCM16 (960 bytes, 1,280 base64 characters)
 * as {@code input_audio_buffer.append} at 50 frames/s on each, from one sender thread with the sessions' phases
 * spread evenly over the 20 ms. Counts sends that left more than 5 ms late and frames skipped because the previous
 * send of that session was still being written, and probes its own scheduling lag every 2 ms.
 */
final class LoadGenerator {

    static final long FRAME_NANOS = 20_000_000L;
    static final String AUDIO = audio();
    private static final long LATE_NANOS = 5_000_000L;

    /** Where to connect and with which headers. */
    record Target(String path, URI uri, Map<String, String> headers) {
    }

    record Plan(int sessions, Duration warmUp, Duration measure) {
    }

    /** Called at the edges of the measurement window and while the sessions are still open after it. */
    interface Hooks {
        default void windowStarted() {
        }

        default void windowEnded() {
        }

        default void sessionsOpen() {
        }
    }

    /** What one run measured, over the window (latencies: frames sent in the window; counts: the whole run). */
    record Result(String path, int sessions, int failedSessions, long framesUp, long framesDown, double seconds,
                  LatencySamples.Sorted up, LatencySamples.Sorted down, long lost, long duplicated, long reordered,
                  long lateSends, double maxLateMillis, long skipped, double lagP99Millis, double lagMaxMillis,
                  double cpuPercent) {

        double framesPerSecond() {
            return (framesUp + framesDown) / seconds;
        }

        boolean intact() {
            return failedSessions == 0 && lost == 0 && duplicated == 0 && reordered == 0;
        }

        /** The generator (and the fake it shares a core with) could not keep pace. */
        List<String> saturation() {
            var flags = new ArrayList<String>();
            if (lateSends > framesUp / 100) flags.add("late-sends");
            if (skipped > 0) flags.add("skipped");
            if (lagP99Millis > 5) flags.add("loop-lag");
            if (cpuPercent > 85) flags.add("gen-cpu");
            return flags;
        }
    }

    Result run(Target target, Plan plan, Hooks hooks) throws InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        var sessions = new ArrayList<BenchSession>();
        int failed = open(http, target, plan.sessions(), sessions);

        long start = System.nanoTime() + 200_000_000L;
        long windowStart = start + plan.warmUp().toNanos();
        long windowEnd = windowStart + plan.measure().toNanos();
        for (var s : sessions) s.window(windowStart, windowEnd);

        var meter = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bench-meter"));
        long pid = ProcessHandle.current().pid();
        long[] cpu = new long[2];
        var windowOver = new CompletableFuture<Void>();
        meter.schedule(() -> {
            cpu[0] = Proc.cpuMillis(pid);
            hooks.windowStarted();
        }, windowStart - System.nanoTime(), TimeUnit.NANOSECONDS);
        meter.schedule(() -> {
            cpu[1] = Proc.cpuMillis(pid);
            hooks.windowEnded();
            windowOver.complete(null);
        }, windowEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
        var lag = new LatencySamples();
        var probe = daemon(() -> probeLag(lag, windowStart, windowEnd), "bench-lag-probe");
        probe.start();

        long late = 0;
        long maxLate = 0;
        long skipped = 0;
        int n = sessions.size();
        for (long g = 0; n > 0; g++) {
            long due = start + (g / n) * FRAME_NANOS + (g % n) * FRAME_NANOS / n;
            if (due >= windowEnd) break;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            long lateBy = System.nanoTime() - due;
            boolean inWindow = due >= windowStart;
            if (inWindow && lateBy > LATE_NANOS) late++;
            if (inWindow) maxLate = Math.max(maxLate, lateBy);
            if (!sessions.get((int) (g % n)).sendNext(AUDIO) && inWindow) skipped++;
        }
        windowOver.join();
        probe.join();
        meter.shutdown();

        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < drainUntil && !sessions.stream().allMatch(BenchSession::caughtUp)) Thread.sleep(20);
        hooks.sessionsOpen();

        long lost = 0;
        long dup = 0;
        long reordered = 0;
        var up = new LatencySamples();
        var down = new LatencySamples();
        for (var s : sessions) {
            if (s.failed()) failed++;
            var tally = s.tally();
            lost += tally.lost();
            dup += tally.duplicated();
            reordered += tally.reordered();
            s.drainLatencies(up, down);
        }
        closeAll(sessions);
        double seconds = plan.measure().toNanos() / 1e9;
        var lagSorted = lag.sorted();
        return new Result(target.path(), plan.sessions(), failed, up.size(), down.size(), seconds, up.sorted(), down.sorted(),
                lost, dup, reordered, late, maxLate / 1e6, skipped, lagSorted.millis(99), lagSorted.millis(100),
                (cpu[1] - cpu[0]) / 10.0 / seconds);
    }

    private static int open(HttpClient http, Target target, int count, List<BenchSession> into) throws InterruptedException {
        var permits = new Semaphore(32);
        var opening = new ArrayList<CompletableFuture<?>>();
        var candidates = new ArrayList<BenchSession>();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            var session = new BenchSession();
            var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            target.headers().forEach(builder::header);
            var done = builder.buildAsync(target.uri(), session).whenComplete((ws, failure) -> {
                permits.release();
                if (failure == null) session.attach(ws);
            });
            opening.add(done.exceptionally(failure -> null));
            candidates.add(session);
        }
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).join();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            if (opening.get(i).join() == null) failed++;
            else into.add(candidates.get(i));
        }
        return failed;
    }

    private static void closeAll(List<BenchSession> sessions) throws InterruptedException {
        for (var s : sessions) s.close();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (var s : sessions) {
            long left = until - System.nanoTime();
            try {
                s.closed.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                s.abort();
            }
        }
        for (var s : sessions) s.abort();
    }

    private static void probeLag(LatencySamples lag, long windowStart, long windowEnd) {
        final long period = 2_000_000L;
        long now;
        while ((now = System.nanoTime()) < windowEnd) {
            LockSupport.parkNanos(period);
            long over = System.nanoTime() - now - period;
            if (now >= windowStart) lag.add(over / 1000);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        var thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /** 20 ms of a quiet 440 Hz tone, 24 kHz PCM16 little-endian, base64: 1,280 characters. */
    private static String audio() {
        var pcm = new byte[960];
        for (int i = 0; i < 480; i++) {
            short sample = (short) (800 * Math.sin(2 * Math.PI * 440 * i / 24_000.0));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return Base64.getEncoder().encodeToString(pcm);
    }
}
