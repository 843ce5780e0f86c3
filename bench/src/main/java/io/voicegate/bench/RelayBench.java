package io.voicegate.bench;

import io.voicegate.testkit.openai.FakeOpenAi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The relay benchmark: at each N, the same load straight against the fake OpenAI (the baseline) and then through the
 * gateway, interleaved; the gateway runs as its own process (pinned with {@code taskset} to {@code --gateway-cpu})
 * so its CPU, heap and RSS are its own. Prints a Markdown table and appends it to {@code --results}. {@code --smoke}
 * runs a few sessions for a few seconds against an in-process gateway and exits non-zero on any failed session or
 * lost, duplicated or reordered frame. Start it with {@code bench/run-relay-bench}.
 */
public final class RelayBench {

    /** One N: the baseline, the gateway run, and the gateway's own readings. */
    record Row(LoadGenerator.Result direct, LoadGenerator.Result gateway, double cpuMsPer1000Frames,
               double heapKiBPerSession, double rssKiBPerSession, double gatewayCpuPercent) {
    }

    /** What stands between the generator and the fake on the gateway path ({@code --gateway}). */
    enum Gateway {
        LAUNCHER("launcher", "the launcher jar (H2, sessions recorded, one consenting user)", "/openai/v1/realtime"),
        FIXTURE("fixture", "the bench fixture (no recording)", "/openai/v1/realtime"),
        TCP_FLOOR("tcp-floor", "the TCP floor (`TcpForwarder`: one thread forwarding bytes, no WebSocket parsing; not a product)",
                "/v1/realtime"); // the floor forwards bytes unread, so the client asks for the fake's own path

        final String option;
        final String description;
        final String realtimePath;

        Gateway(String option, String description, String realtimePath) {
            this.option = option;
            this.description = description;
            this.realtimePath = realtimePath;
        }

        static Gateway of(String option) {
            for (var gateway : values()) if (gateway.option.equals(option)) return gateway;
            throw new IllegalArgumentException("--gateway is launcher, fixture or tcp-floor, not " + option);
        }
    }

    private RelayBench() {
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        if (options.smoke) {
            var results = smoke(options.sessions.get(0) == 0 ? 4 : options.sessions.get(0));
            results.forEach(r -> System.out.println(describe(r)));
            boolean ok = results.stream().allMatch(r -> r.intact() && r.framesDown() > 0);
            System.out.println(ok ? "SMOKE OK" : "SMOKE FAILED");
            System.exit(ok ? 0 : 1);
        }
        var rows = new ArrayList<Row>();
        try (var fake = startFake()) {
            for (int n : options.sessions) {
                var plan = new LoadGenerator.Plan(n, Duration.ofSeconds(options.warmUp), Duration.ofSeconds(options.seconds));
                var direct = new LoadGenerator().run(directTarget(fake), plan, new LoadGenerator.Hooks() { });
                System.out.println(describe(direct));
                var row = throughGatewayProcess(fake, plan, direct, options);
                System.out.println(describe(row.gateway()));
                rows.add(row);
            }
        }
        var table = table(rows, options);
        System.out.println(table);
        Files.writeString(options.results, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A few sessions for a few seconds, direct and through an in-process gateway. */
    public static List<LoadGenerator.Result> smoke(int sessions) throws InterruptedException {
        var plan = new LoadGenerator.Plan(sessions, Duration.ofSeconds(1), Duration.ofSeconds(2));
        try (var fake = startFake(); var gateway = RelayGatewayFixture.start(fake.baseUrl(), fake.apiKey())) {
            var direct = new LoadGenerator().run(directTarget(fake), plan, new LoadGenerator.Hooks() { });
            var relayed = new LoadGenerator().run(new LoadGenerator.Target("gateway", gateway.realtimeUri(),
                    Map.of("Authorization", "Bearer " + gateway.token())), plan, new LoadGenerator.Hooks() { });
            return List.of(direct, relayed);
        }
    }

    static FakeOpenAi startFake() {
        return FakeOpenAi.start().recordFrames(false).echoAudio(true).stampEchoes(true);
    }

    private static LoadGenerator.Target directTarget(FakeOpenAi fake) {
        return new LoadGenerator.Target("direct", fake.realtimeUri(RelayGatewayFixture.MODEL),
                Map.of("Authorization", "Bearer " + fake.apiKey()));
    }

    private static Row throughGatewayProcess(FakeOpenAi fake, LoadGenerator.Plan plan, LoadGenerator.Result direct,
                                             Options options) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        if (options.gatewayCpu >= 0) command.addAll(List.of("taskset", "-c", Integer.toString(options.gatewayCpu)));
        command.add(options.gatewayJava.toString());
        command.addAll(options.gatewayJvmArgs);
        Process process;
        int port;
        String token;
        if (options.gateway == Gateway.LAUNCHER) {
            var started = LauncherGateway.start(command, fake.baseUrl(), fake.apiKey(), options.virtualThreads);
            process = started.process();
            port = started.port();
            token = started.token();
        } else {
            if (options.gateway == Gateway.TCP_FLOOR) {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), TcpForwarder.class.getName(),
                        "127.0.0.1", Integer.toString(fake.port())));
            } else {
                command.add("-D" + RelayGatewayFixture.VIRTUAL_THREADS + "=" + options.virtualThreads);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayGatewayFixture.class.getName(),
                        fake.baseUrl(), fake.apiKey(), options.upstream));
            }
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("gateway-ready ")) {
                // Skip start-up output.
            }
            if (line == null) throw new IllegalStateException("the gateway did not start");
            var ready = line.split(" ");
            port = Integer.parseInt(ready[1]);
            token = ready.length > 2 ? ready[2] : fake.apiKey(); // the TCP floor passes the fake's own handshake through
        }
        try {
            var target = new LoadGenerator.Target("gateway",
                    java.net.URI.create("ws://127.0.0.1:" + port + options.gateway.realtimePath + "?model=" + RelayGatewayFixture.MODEL),
                    Map.of("Authorization", "Bearer " + token));
            long pid = process.pid();
            var jcmd = options.gatewayJava.resolveSibling("jcmd");
            long idleHeap = Proc.heapAfterGcKiB(jcmd, pid);
            long idleRss = Proc.rssKiB(pid);
            long[] readings = new long[4];
            var result = new LoadGenerator().run(target, plan, new LoadGenerator.Hooks() {
                @Override
                public void windowStarted() {
                    readings[0] = Proc.cpuMillis(pid);
                }

                @Override
                public void windowEnded() {
                    readings[1] = Proc.cpuMillis(pid);
                }

                @Override
                public void sessionsOpen() {
                    readings[2] = Proc.heapAfterGcKiB(jcmd, pid);
                    readings[3] = Proc.rssKiB(pid);
                }
            });
            long cpu = readings[1] - readings[0];
            long frames = result.framesUp() + result.framesDown();
            int open = Math.max(1, plan.sessions() - result.failedSessions());
            return new Row(direct, result, frames == 0 ? Double.NaN : cpu * 1000.0 / frames,
                    (readings[2] - idleHeap) / (double) open, (readings[3] - idleRss) / (double) open,
                    cpu / 10.0 / result.seconds());
        } finally {
            process.getOutputStream().close(); // the fixture stops when its input closes
            process.destroy(); // the launcher stops on SIGTERM
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }
    }

    static String describe(LoadGenerator.Result r) {
        return String.format(Locale.ROOT, "%-7s N=%d failed=%d frames/s=%.0f up p50/p99/p99.9=%s down=%s lost=%d dup=%d reord=%d "
                        + "late=%d (max %.1f ms) skipped=%d lag p99/max=%.1f/%.1f ms gen-cpu=%.0f%% flags=%s",
                r.path(), r.sessions(), r.failedSessions(), r.framesPerSecond(), triple(r.up()), triple(r.down()), r.lost(),
                r.duplicated(), r.reordered(), r.lateSends(), r.maxLateMillis(), r.skipped(), r.lagP99Millis(), r.lagMaxMillis(),
                r.cpuPercent(), r.saturation());
    }

    private static String triple(LatencySamples.Sorted s) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", s.millis(50), s.millis(99), s.millis(99.9));
    }

    private static String added(LatencySamples.Sorted gateway, LatencySamples.Sorted direct) {
        return String.format(Locale.ROOT, "%+.2f/%+.2f/%+.2f", gateway.millis(50) - direct.millis(50),
                gateway.millis(99) - direct.millis(99), gateway.millis(99.9) - direct.millis(99.9));
    }

    private static String table(List<Row> rows, Options options) {
        var out = new StringBuilder();
        out.append("\n### Relay run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        out.append("- Machine: ").append(machine()).append('\n');
        out.append("- JDK (generator + fake): ").append(System.getProperty("java.vm.vendor")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("; gateway: ").append(options.gatewayJava)
                .append(' ').append(String.join(" ", options.gatewayJvmArgs)).append('\n');
        out.append("- Pinning: gateway on CPU ").append(options.gatewayCpu).append(", generator + fake on the rest (")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPU visible to it); warm-up ")
                .append(options.warmUp).append(" s, measured ").append(options.seconds).append(" s per run\n");
        out.append("- Gateway: ").append(options.gateway.description)
                .append("; virtual threads where the JDK has them: ").append(options.virtualThreads).append('\n');
        out.append("- Upstream WebSocket client in the gateway: ").append(switch (options.gateway) {
                    case LAUNCHER -> "socket";
                    case TCP_FLOOR -> "none (bytes forwarded)";
                    case FIXTURE -> options.upstream;
                })
                .append("; load average before the run: ").append(options.loadBefore).append(" (the machine is shared)\n");
        out.append("- Command: `").append(options.command).append("`\n\n");
        out.append("| N | path | failed | frames/s | up p50/p99/p99.9 ms | down p50/p99/p99.9 ms | added up ms | added down ms "
                + "| gw CPU ms/1k frames | gw CPU % | gw heap KiB/session | gw RSS KiB/session | lost/dup/reord | saturation |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var row : rows) {
            var d = row.direct();
            var g = row.gateway();
            out.append(String.format(Locale.ROOT, "| %d | direct | %d | %.0f | %s | %s | | | | | | | %d/%d/%d | %s |\n",
                    d.sessions(), d.failedSessions(), d.framesPerSecond(), triple(d.up()), triple(d.down()),
                    d.lost(), d.duplicated(), d.reordered(), flags(d.saturation())));
            var gatewayFlags = new ArrayList<>(g.saturation());
            if (row.gatewayCpuPercent() > 85) gatewayFlags.add("gw-cpu");
            boolean quotable = d.saturation().isEmpty() && g.saturation().isEmpty();
            out.append(String.format(Locale.ROOT, "| %d | gateway | %d | %.0f | %s | %s | %s%s | %s%s | %.2f | %.0f | %.1f | %.1f | %d/%d/%d | %s |\n",
                    g.sessions(), g.failedSessions(), g.framesPerSecond(), triple(g.up()), triple(g.down()),
                    added(g.up(), d.up()), quotable ? "" : " (sat.)", added(g.down(), d.down()), quotable ? "" : " (sat.)",
                    row.cpuMsPer1000Frames(), row.gatewayCpuPercent(), row.heapKiBPerSession(), row.rssKiBPerSession(),
                    g.lost(), g.duplicated(), g.reordered(), flags(gatewayFlags)));
        }
        return out.toString();
    }

    private static String flags(List<String> flags) {
        return flags.isEmpty() ? "none" : String.join(", ", flags);
    }

    private static String machine() {
        String model = "";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException e) {
            // Unknown CPU model.
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + ", " + model + ", "
                + "CPUs online " + cores();
    }

    private static String cores() {
        try {
            return Files.readString(Path.of("/sys/devices/system/cpu/online")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Command-line options; see {@code bench/run-relay-bench}. */
    static final class Options {
        boolean smoke;
        List<Integer> sessions = List.of(10, 50, 100);
        int warmUp = 5;
        int seconds = 20;
        int gatewayCpu = 0;
        Path gatewayJava = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> gatewayJvmArgs = List.of("-Xms256m", "-Xmx1g");
        Path results = Path.of("bench/RESULTS.md");
        String command = "bench/run-relay-bench";
        String upstream = "socket";
        Gateway gateway = Gateway.LAUNCHER;
        boolean virtualThreads = false;
        String loadBefore = loadAverage();

        static Options parse(String[] args) {
            var o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--smoke" -> {
                        o.smoke = true;
                        o.sessions = List.of(0);
                    }
                    case "--sessions" -> o.sessions = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    case "--warmup" -> o.warmUp = Integer.parseInt(args[++i]);
                    case "--seconds" -> o.seconds = Integer.parseInt(args[++i]);
                    case "--gateway-cpu" -> o.gatewayCpu = Integer.parseInt(args[++i]);
                    case "--gateway-java" -> o.gatewayJava = Path.of(args[++i]);
                    case "--gateway-jvm-args" -> o.gatewayJvmArgs = List.of(args[++i].split(" "));
                    case "--results" -> o.results = Path.of(args[++i]);
                    case "--command" -> o.command = args[++i];
                    case "--upstream" -> o.upstream = args[++i];
                    case "--gateway" -> o.gateway = Gateway.of(args[++i]);
                    case "--virtual-threads" -> o.virtualThreads = Boolean.parseBoolean(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return o;
        }
    }
}
