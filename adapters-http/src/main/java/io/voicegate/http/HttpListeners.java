package io.voicegate.http;

import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to listen: plain HTTP on one port and, when TLS is configured, HTTPS (and so {@code wss:}) on another.
 * Port 0 picks a free port (tests).
 */
public record HttpListeners(String host, int port, Optional<Tls> tls) {

    /** A TLS listener with the key store holding the certificate chain and private key. */
    public record Tls(int port, KeyStore keyStore, char[] keyPassword) {
        public Tls {
            Objects.requireNonNull(keyStore, "keyStore");
            keyPassword = keyPassword.clone();
        }

        @Override
        public String toString() {
            return "Tls[port=" + port + ", keyStore=<redacted>]";
        }
    }

    public HttpListeners {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
    }

    public static HttpListeners loopback() {
        return new HttpListeners("127.0.0.1", 0, Optional.empty());
    }
}
