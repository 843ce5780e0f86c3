package io.voicegate.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar as a user runs it: a separate process, its exit codes and its output. */
class JarIT {

    private static final Path JAR = Path.of("target", "voicegate.jar").toAbsolutePath();

    @Test
    void help_lists_every_variable_with_its_default() throws Exception {
        var run = run(List.of("--help"), Map.of(), Files.createTempDirectory("vg-help"));
        assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isZero();
        var out = Files.readString(run.stdout);
        for (var variable : io.voicegate.launcher.config.LauncherConfig.variables()) {
            assertThat(out).contains(variable.name());
        }
        assertThat(out).contains("PORT").contains("[8080]");
    }

    @Test
    void a_malformed_value_stops_start_up_with_one_line_and_exit_code_2(@TempDir Path dir) throws Exception {
        var run = run(List.of(), Map.of("PORT", "http"), dir);
        assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(2);
        var lines = Files.readAllLines(run.stderr).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("PORT").contains("integer");
    }

    @Test
    void it_starts_with_no_configuration_logs_its_url_and_stops_on_sigterm_with_exit_0(@TempDir Path dir) throws Exception {
        int port = freePort();
        var run = run(List.of(), Map.of("PORT", Integer.toString(port), "HOST", "127.0.0.1"), dir);
        try {
            var client = HttpClient.newHttpClient();
            HttpResponse<String> health = null;
            for (int attempt = 0; attempt < 600 && health == null; attempt++) { // up to a minute on a loaded machine
                try {
                    health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
            }
            assertThat(health).as("server answered /health").isNotNull();
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.readString(run.stdout)).contains("listening on http://127.0.0.1:" + port);
            assertThat(dir.resolve("data/voicegate.mv.db")).exists();

            long stopAsked = System.nanoTime();
            run.process.destroy(); // SIGTERM
            assertThat(run.process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
            assertThat(run.process.exitValue()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - stopAsked)).isLessThan(Duration.ofSeconds(10));
        } finally {
            run.process.destroyForcibly();
        }
    }

    private record Run(Process process, Path stdout, Path stderr) {
    }

    private static Run run(List<String> args, Map<String, String> env, Path workDir) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(args);
        var stdout = workDir.resolve("stdout.log");
        var stderr = workDir.resolve("stderr.log");
        var builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
        builder.environment().putAll(env);
        return new Run(builder.start(), stdout, stderr);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
