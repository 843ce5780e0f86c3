package io.voicegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What Linux and the JVM tell about a process: CPU time (utime + stime from {@code /proc/<pid>/stat}), resident set
 * size ({@code VmRSS} from {@code /proc/<pid>/status}) and, through {@code jcmd}, the Java heap in use right after a
 * full collection ({@code GC.run} then {@code GC.heap_info}), which is what live objects occupy.
 */
final class Proc {

    /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private Proc() {
    }

    static long cpuMillis(long pid) {
        try {
            var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssKiB(long pid) {
        try {
            for (var line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Heap used after a full GC, in KiB, via {@code jcmd} of the JDK that runs the process; -1 if unreadable. */
    static long heapAfterGcKiB(Path jcmd, long pid) {
        run(jcmd, pid, "GC.run");
        var info = run(jcmd, pid, "GC.heap_info");
        // G1 prints one "garbage-first heap"; Serial and Parallel print one line per generation: add them up.
        var m = HEAP_USED.matcher(info);
        long used = -1;
        while (m.find()) used = Math.max(used, 0) + Long.parseLong(m.group(1));
        return used;
    }

    private static String run(Path jcmd, long pid, String command) {
        try {
            var process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            var out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
