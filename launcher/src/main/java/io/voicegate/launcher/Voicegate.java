package io.voicegate.launcher;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.IdGenerator;
import io.voicegate.core.privacy.RetentionSweep;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.tools.AuditedTools;
import io.voicegate.core.tools.GetContextTool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.core.provider.ProviderRegistry;
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
import io.voicegate.persistence.JdbiSessionStore;
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
import java.util.function.Predicate;

/**
 * A running Voicegate server, wired by hand: config, infrastructure, adapters, use cases, surfaces, start.
 * {@link #close()} stops in reverse order and is safe to call more than once.
 */
public final class Voicegate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Voicegate.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(8);

    private final HttpApi http;
    private final HikariDataSource dataSource;
    private final Runnable beforeHttpStop;
    private final List<Runnable> beforeStop;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param beforeHttpStop ends live relays while their sockets can still hear why
     * @param beforeStop     after HTTP stopped, in order, before the database closes
     */
    private Voicegate(HttpApi http, HikariDataSource dataSource, Runnable beforeHttpStop, List<Runnable> beforeStop) {
        this.http = http;
        this.dataSource = dataSource;
        this.beforeHttpStop = beforeHttpStop;
        this.beforeStop = beforeStop;
    }

    public static Voicegate start(LauncherConfig config) {
        return start(config, false);
    }

    /**
     * @param simulated whether the configured provider URLs already point at built-in fakes the caller started;
     *                  {@code VOICEGATE_SIMULATE} (or {@code --simulate}) makes Voicegate start its own
     */
    public static Voicegate start(LauncherConfig config, boolean simulated) {
        var server = config.server();
        createDirectories(server.dataDir());

        var clock = Clock.systemUTC();
        var ids = IdGenerator.random();
        var simulation = Simulation.start(config.simulate());
        var dataSource = Database.pool(config.database());
        var closeOnFailure = new ArrayList<AutoCloseable>(List.of(simulation, dataSource));
        try {
            Database.migrate(dataSource);
            var stores = JdbiStores.create(dataSource, clock);
            var jdbi = Jdbi.create(dataSource);
            var audit = PrivacyWiring.trail(config.privacy(), stores, server.dataDir(), clock, ids);
            var identity = IdentityWiring.create(config.auth(), stores, audit, clock, ids);
            var relays = new RelayWiring();
            closeOnFailure.add(0, relays);
            var sessionStore = new JdbiSessionStore(jdbi);
            var context = new DefaultContextProvider(stores.profiles(), sessionStore);
            var relayTools = AuditedTools.of(ToolRegistry.of(List.of(GetContextTool.forRelays(context, sessionStore))),
                    ref -> SessionId.parse(ref).flatMap(sessionStore::find).map(VoiceSession::owner), audit, "model:openai");
            var openAi = OpenAiWiring.create(simulation.openAi(config.openAi()), config.sessions().policy(),
                    relayTools.tools(), relays.connector(), clock);
            closeOnFailure.add(0, openAi);
            var elevenLabs = new ElevenLabsWiring(simulation.elevenLabs(config.elevenLabs()), jdbi, stores, audit,
                    Duration.ofDays(config.privacy().sessionRetentionDays()), simulated || simulation.active(), clock);
            var providers = new ProviderRegistry(List.of(openAi.provider(), elevenLabs.provider()));
            var consentGate = PrivacyWiring.consentGate(config.privacy(), stores);
            var sessions = new SessionWiring(jdbi, config.sessions(), providers, consentGate, audit, clock, ids,
                    elevenLabs.handoff(), relays.relays());
            sessions.recoverInterrupted();

            var sockets = new OpenSockets();
            var endpoints = new ArrayList<Endpoints>(identity.endpoints());
            endpoints.add(new HealthEndpoints(List.of(databaseCheck(dataSource)),
                    () -> providerStatus(providers, id -> simulation.simulates(id)
                            || id.equals("elevenlabs") && elevenLabs.simulated())));
            endpoints.add(sessions.endpoints(identity.authenticator(), identity.addresses(), server.publicUrl()));
            var privacy = PrivacyWiring.wire(config.privacy(), stores, server.dataDir(), clock, ids,
                    new PrivacyWiring.Collaborators(identity.authenticator(), identity.addresses(),
                            identity.localPasswords(), sessions.activeSessions(), sessions.withdrawalListener()));
            endpoints.addAll(privacy.endpoints());
            endpoints.addAll(elevenLabs.endpoints(identity.addresses()));
            endpoints.add(openAi.relayEndpoints(identity.authenticator(), identity.guards(), consentGate,
                    sockets, relays.relays(), sessions.relaySessions()));
            endpoints.add(elevenLabs.relayEndpoints(identity.authenticator(), identity.guards(), consentGate, sockets,
                    relays, sessions.relaySessions(), RelayWiring.limits(config.sessions().policy())));
            endpoints.add(openAi.restEndpoints(identity.authenticator(), identity.guards(),
                    sessions.openAiRestUseCases(privacy.consentGate(), clock), relays.relays()));

            var settings = elevenLabs.bodyLimit(new HttpSettings(server.maxBodyBytes(), server.publicUrl()).withVirtualThreads(server.virtualThreads()));
            var http = HttpApi.create(settings, endpoints, sockets).start(listeners(config), STOP_GRACE);
            var retention = RetentionSchedule.start(privacy.sweep(), config.privacy().sweepInterval());
            sessions.startSweeper();
            elevenLabs.startSweeper(config.privacy().sweepInterval());
            relays.start();
            var beforeStop = List.<Runnable>of(retention::close, sessions::stop, elevenLabs::stop, relays::close,
                    openAi::close, simulation::close);
            LOG.info("Voicegate listening on {}{}", urls(server.host(), http),
                    simulation.active() ? " (SIMULATED providers)" : "");
            return new Voicegate(http, dataSource, relays::endAll, beforeStop);
        } catch (RuntimeException e) {
            for (var resource : closeOnFailure) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
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
            beforeHttpStop.run();
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

    private static List<ProviderStatus> providerStatus(ProviderRegistry providers, Predicate<String> simulated) {
        return providers.all().stream()
                .map(p -> new ProviderStatus(p.id(), p.configured(), simulated.test(p.id()))).toList();
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
