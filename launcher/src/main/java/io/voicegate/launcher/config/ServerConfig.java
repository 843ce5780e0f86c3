package io.voicegate.launcher.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where and how Voicegate listens, where it keeps its files, how much it logs. */
public record ServerConfig(String host, int port, Tls tls, Path dataDir, String publicUrl, long maxBodyBytes,
                           String logLevel, boolean virtualThreads) {

    /** TLS: off, from PEM files, or a self-signed development certificate. */
    public record Tls(boolean enabled, int port, Optional<Path> certFile, Optional<Path> keyFile, boolean selfSigned) {
    }

    public static final Variable HOST = Variable.of("HOST", "0.0.0.0", "Interface to listen on.", "127.0.0.1");
    public static final Variable PORT = Variable.of("PORT", "8080", "Plain HTTP port.", "8080");
    public static final Variable TLS_PORT = Variable.of("TLS_PORT", "8443",
            "HTTPS (and wss:) port, used when TLS is configured.", "8443");
    public static final Variable TLS_CERT_FILE = Variable.of("TLS_CERT_FILE", "",
            "PEM certificate chain for HTTPS (with TLS_KEY_FILE).", "/etc/voicegate/tls/cert.pem");
    public static final Variable TLS_KEY_FILE = Variable.of("TLS_KEY_FILE", "",
            "PEM private key (PKCS#8, PKCS#1 or SEC1) for HTTPS.", "/etc/voicegate/tls/key.pem");
    public static final Variable TLS_SELF_SIGNED = Variable.of("TLS_SELF_SIGNED", "false",
            "Serve HTTPS with a development certificate for localhost/127.0.0.1/::1, created once under DATA_DIR/tls.", "true");
    public static final Variable DATA_DIR = Variable.of("DATA_DIR", "./data",
            "Directory for the embedded database, generated keys and certificates.", "/var/lib/voicegate");
    public static final Variable PUBLIC_URL = Variable.of("PUBLIC_URL", "",
            "Externally visible base URL; HSTS is sent when it is https.", "https://voice.example.com");
    public static final Variable MAX_BODY_BYTES = Variable.of("MAX_BODY_BYTES", "1048576",
            "Largest request body accepted on ordinary routes (413 above).", "1048576");
    public static final Variable LOG_LEVEL = Variable.of("LOG_LEVEL", "INFO",
            "TRACE, DEBUG, INFO, WARN or ERROR.", "DEBUG");
    public static final Variable VIRTUAL_THREADS = Variable.of("VIRTUAL_THREADS", "false",
            "Run request and client WebSocket handlers on virtual threads where the JDK has them (21 and newer; "
                    + "ignored on 17). Off by default: a relay's upstream is read by a platform thread of its own, and "
                    + "with it platform threads measured 10 to 20 % less CPU per relayed frame (bench/RESULTS.md).", "true");

    /** Read by {@link LauncherConfig}: it concerns every provider. */
    public static final Variable SIMULATE = Variable.of("VOICEGATE_SIMULATE", "false",
            "Answer with built-in fake providers on loopback instead of real ones (also: java -jar voicegate.jar "
                    + "--simulate); the log and /ready say so.", "true");

    public static final List<Variable> VARIABLES = List.of(HOST, PORT, TLS_PORT, TLS_CERT_FILE, TLS_KEY_FILE,
            TLS_SELF_SIGNED, DATA_DIR, PUBLIC_URL, MAX_BODY_BYTES, LOG_LEVEL, VIRTUAL_THREADS, SIMULATE);

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public static ServerConfig from(Env env) {
        var host = env.text(HOST);
        if (!host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) throw new ConfigException(HOST, "a host name or IP address", host);
        int port = env.integer(PORT, 0, 65535);
        int tlsPort = env.integer(TLS_PORT, 0, 65535);
        var cert = env.optional(TLS_CERT_FILE).map(v -> env.path(TLS_CERT_FILE));
        var key = env.optional(TLS_KEY_FILE).map(v -> env.path(TLS_KEY_FILE));
        boolean selfSigned = env.bool(TLS_SELF_SIGNED);
        if (cert.isPresent() != key.isPresent()) {
            throw new ConfigException(cert.isPresent() ? TLS_KEY_FILE : TLS_CERT_FILE,
                    "to be set together with " + (cert.isPresent() ? TLS_CERT_FILE.name() : TLS_KEY_FILE.name()));
        }
        if (cert.isPresent() && selfSigned) {
            throw new ConfigException(TLS_SELF_SIGNED, "false when TLS_CERT_FILE and TLS_KEY_FILE are set", "true");
        }
        if (tlsPort == port && port != 0 && (cert.isPresent() || selfSigned)) {
            throw new ConfigException(TLS_PORT, "a port other than PORT", Integer.toString(tlsPort));
        }
        var publicUrl = env.text(PUBLIC_URL);
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new ConfigException(PUBLIC_URL, "an http:// or https:// URL", publicUrl);
        }
        var level = env.text(LOG_LEVEL).toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) throw new ConfigException(LOG_LEVEL, "one of " + String.join(", ", LEVELS), level);
        return new ServerConfig(host, port,
                new Tls(cert.isPresent() || selfSigned, tlsPort, cert, key, selfSigned),
                env.path(DATA_DIR), publicUrl.replaceAll("/+$", ""),
                env.longValue(MAX_BODY_BYTES, 1024, 1L << 30), level, env.bool(VIRTUAL_THREADS));
    }
}
