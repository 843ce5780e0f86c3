package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Voicegate's HTTP surface: one Javalin app with the request id, security headers, body limits and error mapping
 * shared by every route group. Building ({@link #create}) is separate from listening ({@link #start}), so tests
 * reuse the exact routing on a random port.
 */
public final class HttpApi {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpApi.class);

    private final Javalin app;
    private final OpenSockets sockets;
    private final ObjectNode openApi;
    private Duration stopGrace = Duration.ofSeconds(5);

    private HttpApi(Javalin app, OpenSockets sockets, ObjectNode openApi) {
        this.app = app;
        this.sockets = sockets;
        this.openApi = openApi;
    }

    public static HttpApi create(HttpSettings settings, List<Endpoints> groups, OpenSockets sockets) {
        ObjectMapper mapper = Json.mapper();
        var errors = new ErrorResponses(mapper);
        var all = new ArrayList<>(groups);
        var document = OpenApiDocument.build(mapper, all);
        all.add(new DocsEndpoints(() -> document));
        var app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = settings.virtualThreads();
            config.jsonMapper(new JavalinJackson(mapper, false));
            // Voicegate keeps no servlet sessions; the one Javalin opens for every WebSocket upgrade gets no cookie.
            config.jetty.modifyServletContextHandler(handler -> handler.getSessionHandler().setUsingCookies(false));
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.routes.before(ctx -> {
                RequestIds.assign(ctx);
                SecurityHeaders.apply(ctx, settings);
                RequestBodies.limitTo(ctx, rejectOversizedBody(ctx, settings.maxBodyBytesFor(ctx.path())));
            });
            config.routes.after(ctx -> RequestIds.release());
            // WebSocket upgrades skip the HTTP before/after handlers: their refusals answer too, and need the same.
            config.routes.wsBeforeUpgrade(ctx -> {
                RequestIds.assign(ctx);
                SecurityHeaders.apply(ctx, settings);
                dropServletSession(ctx);
            });
            config.routes.wsAfterUpgrade(ctx -> RequestIds.release());
            errors.install(config.routes);
            for (var group : all) group.addTo(config.routes);
        });
        return new HttpApi(app, sockets, document);
    }

    /**
     * Javalin opens a servlet session for every WebSocket upgrade (refused ones too) and nothing here uses it; without
     * this each upgrade would leave one behind in memory.
     */
    private static void dropServletSession(Context ctx) {
        var session = ctx.req().getSession(false);
        if (session != null) session.invalidate();
    }

    /** Starts listening; returns once every listener is bound. */
    public HttpApi start(HttpListeners listeners, Duration stopGrace) {
        this.stopGrace = stopGrace;
        var jetty = app.unsafe.jetty;
        // Draining is done in stop(); Jetty's own graceful wait would also wait for idle keep-alive connections.
        jetty.modifyServer(server -> server.setStopTimeout(250));
        jetty.addConnector((server, httpConfig) -> connector(server, httpConfig, listeners.host(), listeners.port()));
        listeners.tls().ifPresent(tls -> jetty.addConnector((server, httpConfig) -> tlsConnector(server, httpConfig, listeners.host(), tls)));
        app.start();
        return this;
    }

    /** The bound HTTP port. */
    public int port() {
        return connectors().get(0).getLocalPort();
    }

    /** The bound HTTPS port, when TLS is on. */
    public Optional<Integer> tlsPort() {
        var all = connectors();
        return all.size() > 1 ? Optional.of(all.get(1).getLocalPort()) : Optional.empty();
    }

    /** Every HTTP route as {@code METHOD path}, for checking the OpenAPI document against what is served. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** The OpenAPI document served at {@code /openapi.json}. */
    public ObjectNode openApi() {
        return openApi.deepCopy();
    }

    /**
     * Graceful stop: refuse new connections, close open WebSockets with 1001 and the reason, let in-flight requests
     * finish within the grace period given to {@link #start}.
     */
    public void stop(String reason) {
        sockets.closeAll(1001, reason);
        var server = app.jettyServer().server();
        for (var connector : server.getConnectors()) {
            if (connector instanceof AbstractNetworkConnector network) network.shutdown(); // stop accepting
        }
        drainInFlightRequests(server.getDescendant(StatisticsHandler.class));
        for (var connector : server.getConnectors()) {
            connector.getConnectedEndPoints().forEach(endPoint -> endPoint.close()); // idle keep-alive connections
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty reports connections it had to cut after the short final timeout; the stop still happened.
            LOG.debug("HTTP stop closed lingering connections", e);
        }
    }

    private void drainInFlightRequests(StatisticsHandler statistics) {
        if (statistics == null) return;
        long deadline = System.nanoTime() + stopGrace.toNanos();
        while (statistics.getRequestsActive() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (statistics.getRequestsActive() > 0) {
            LOG.warn("Stopping with {} requests still in flight after {} s", statistics.getRequestsActive(), stopGrace.toSeconds());
        }
    }

    private List<ServerConnector> connectors() {
        var list = new ArrayList<ServerConnector>();
        for (var c : app.jettyServer().server().getConnectors()) {
            if (c instanceof ServerConnector sc) list.add(sc);
        }
        return list;
    }

    private static ServerConnector connector(Server server, HttpConfiguration httpConfig, String host, int port) {
        var connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration base, String host, HttpListeners.Tls tls) {
        var ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(new String(tls.keyPassword()));
        ssl.setKeyManagerPassword(new String(tls.keyPassword()));
        var httpsConfig = new HttpConfiguration(base);
        var secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // development certificates name localhost; clients may use 127.0.0.1
        httpsConfig.addCustomizer(secure);
        var connector = new ServerConnector(server, ssl, new HttpConnectionFactory(httpsConfig));
        connector.setHost(host);
        connector.setPort(tls.port());
        return connector;
    }

    private static long rejectOversizedBody(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw new PayloadTooLarge(limit);
        return limit;
    }
}
