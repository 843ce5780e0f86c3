package io.voicegate.launcher;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.IdGenerator;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.provider.UnconfiguredProvider;
import io.voicegate.http.Endpoints;
import io.voicegate.http.HealthEndpoints;
import io.voicegate.http.HttpApi;
import io.voicegate.http.HttpListeners;
import io.voicegate.http.HttpSettings;
import io.voicegate.http.OpenSockets;
import io.voicegate.http.ProviderStatus;
import io.voicegate.http.ReadinessCheck;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.launcher.privacy.PrivacyWiring;
import io.voicegate.launcher.privacy.RetentionSchedule;
import io.voicegate.launcher.tls.TlsKeyStores;
import io.voicegate.persistence.Database;
import io.voicegate.persistence.JdbiStores;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running Voicegate server, wired by hand: config, infrastructure, adapters, use cases, surfaces, start.
 * {@link #close()} stops in reverse order and is safe to call more than once.
 */
public final class Voicegate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Voicegate.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(8);

    private final HttpApi http;
    private final HikariDataSource dataSource;
    private final List<Runnable> beforeStop;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Voicegate(HttpApi http, HikariDataSource dataSource, List<Runnable> beforeStop) {
        this.http = http;
        this.dataSource = dataSource;
        this.beforeStop = beforeStop;
    }

    public static Voicegate start(LauncherConfig config) {
        return start(config, false);
    }

    /** @param simulated whether the configured provider URLs point at the built-in fakes ({@code --simulate}) */
    public static Voicegate start(LauncherConfig config, boolean simulated) {
        var server = config.server();
        createDirectories(server.dataDir());

        var clock = Clock.systemUTC();
        var ids = IdGenerator.random();
        var dataSource = Database.pool(config.database());
        try {
            Database.migrate(dataSource);
            var stores = JdbiStores.create(dataSource, clock);
            var audit = PrivacyWiring.trail(config.privacy(), stores, server.dataDir(), clock, ids);
            var identity = IdentityWiring.create(config.auth(), stores, audit, clock, ids);
            var jdbi = Jdbi.create(dataSource);
            var elevenLabs = new ElevenLabsWiring(config.elevenLabs(), jdbi, stores, audit,
                    Duration.ofDays(config.privacy().sessionRetentionDays()), simulated, clock);
            var providers = new ProviderRegistry(List.of(openAiPlaceholder(), elevenLabs.provider()));
            var consentGate = PrivacyWiring.consentGate(config.privacy(), stores);
            var sessions = new SessionWiring(jdbi, config.sessions(), providers, consentGate, audit, clock, ids,
                    elevenLabs.handoff());
            sessions.recoverInterrupted();

            var sockets = new OpenSockets();
            var beforeStop = new ArrayList<Runnable>();
            var endpoints = new ArrayList<Endpoints>(identity.endpoints());
            endpoints.add(new HealthEndpoints(List.of(databaseCheck(dataSource)),
                    () -> providerStatus(providers, elevenLabs.simulated())));
            endpoints.add(sessions.endpoints(identity.authenticator(), identity.addresses()));
            var privacy = PrivacyWiring.wire(config.privacy(), stores, server.dataDir(), clock, ids,
                    new PrivacyWiring.Collaborators(identity.authenticator(), identity.addresses(),
                            identity.localPasswords(), sessions.activeSessions(), sessions.withdrawalListener()));
            endpoints.addAll(privacy.endpoints());
            endpoints.addAll(elevenLabs.endpoints(identity.addresses()));

            var settings = elevenLabs.bodyLimit(new HttpSettings(server.maxBodyBytes(), server.publicUrl()));
            var http = HttpApi.create(settings, endpoints, sockets).start(listeners(config), STOP_GRACE);
            var retention = RetentionSchedule.start(privacy.sweep(), config.privacy().sweepInterval());
            beforeStop.add(retention::close);
            sessions.startSweeper();
            beforeStop.add(sessions::stop);
            elevenLabs.startSweeper(config.privacy().sweepInterval());
            beforeStop.add(elevenLabs::stop);
            LOG.info("Voicegate listening on {}", urls(server.host(), http));
            return new Voicegate(http, dataSource, beforeStop);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** One retention sweep against the configured database ({@code voicegate.jar retention --now}). */
    public static RetentionSweep.Result sweepOnce(LauncherConfig config) {
        createDirectories(config.server().dataDir());
        var clock = Clock.systemUTC();
        try (var dataSource = Database.pool(config.database())) {
            Database.migrate(dataSource);
            var stores = JdbiStores.create(dataSource, clock);
            var trail = PrivacyWiring.trail(config.privacy(), stores, config.server().dataDir(), clock, IdGenerator.random());
            return PrivacyWiring.sweep(config.privacy(), stores, trail, clock).handle();
        }
    }

    public int port() {
        return http.port();
    }

    public Optional<Integer> tlsPort() {
        return http.tlsPort();
    }

    /** The HTTP surface, for tests that compare routes with the OpenAPI document. */
    HttpApi http() {
        return http;
    }

    /** Graceful stop: no new connections, sockets closed with 1001, in-flight requests finished, sessions ended. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        LOG.info("Voicegate stopping");
        try {
            http.stop("server shutting down");
            beforeStop.forEach(Runnable::run);
        } finally {
            dataSource.close();
        }
        LOG.info("Voicegate stopped");
    }

    private static ReadinessCheck databaseCheck(HikariDataSource dataSource) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public Optional<String> problem() {
                return Database.problem(dataSource);
            }
        };
    }

    /** OpenAI until its adapter is wired. */
    private static UnconfiguredProvider openAiPlaceholder() {
        return new UnconfiguredProvider("openai", new Capabilities(true, true, true),
                List.of(ConnectionMode.WEBRTC, ConnectionMode.RELAY, ConnectionMode.WEBSOCKET));
    }

    private static List<ProviderStatus> providerStatus(ProviderRegistry providers, boolean elevenLabsSimulated) {
        return providers.all().stream().map(p -> new ProviderStatus(p.id(), p.configured(),
                elevenLabsSimulated && p.id().equals("elevenlabs"))).toList();
    }

    private static HttpListeners listeners(LauncherConfig config) {
        var server = config.server();
        if (!server.tls().enabled()) return new HttpListeners(server.host(), server.port(), Optional.empty());
        TlsKeyStores.Loaded loaded;
        if (server.tls().selfSigned()) {
            var dir = server.dataDir().resolve("tls");
            var cert = TlsKeyStores.ensureSelfSigned(dir);
            LOG.info("Development TLS certificate (trust it in clients): {}", cert.toAbsolutePath().normalize());
            loaded = TlsKeyStores.fromPem(cert, dir.resolve("key.pem"));
        } else {
            loaded = TlsKeyStores.fromPem(server.tls().certFile().orElseThrow(), server.tls().keyFile().orElseThrow());
        }
        return new HttpListeners(server.host(), server.port(),
                Optional.of(new HttpListeners.Tls(server.tls().port(), loaded.keyStore(), loaded.password())));
    }

    private static String urls(String host, HttpApi http) {
        var shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        var text = "http://" + shown + ":" + http.port();
        return http.tlsPort().map(p -> text + " and https://" + shown + ":" + p).orElse(text);
    }

    private static void createDirectories(java.nio.file.Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("DATA_DIR " + dir + " cannot be created", e);
        }
    }
}
