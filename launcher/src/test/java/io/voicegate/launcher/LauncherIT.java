package io.voicegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.http.OpenApiCoverage;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wired server, in-process, on the embedded database, on PostgreSQL and behind TLS. */
class LauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void with_defaults_it_creates_the_embedded_database_under_the_data_dir_and_is_ready(@TempDir Path dir) throws Exception {
        try (var voicegate = Voicegate.start(config(dir, Map.of()))) {
            var ready = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + voicegate.port() + "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).at("/checks/database/status").asText()).isEqualTo("ok");
            assertThat(ready.body()).doesNotContainIgnoringCase("api_key").doesNotContain("sk-");
        }
        assertThat(dir.resolve("data/voicegate.mv.db")).exists();
    }

    @Test
    void it_runs_on_postgresql_when_database_url_names_one(@TempDir Path dir) throws Exception {
        var pg = TestDatabases.postgres();
        var url = pg.jdbcUrl() + "&user=" + pg.user();
        try (var voicegate = Voicegate.start(config(dir, Map.of("DATABASE_URL", url)))) {
            var ready = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + voicegate.port() + "/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
        }
        assertThat(dir.resolve("data/voicegate.mv.db")).doesNotExist();
    }

    @Test
    void every_api_route_is_documented_and_every_documented_route_is_served(@TempDir Path dir) {
        try (var voicegate = Voicegate.start(config(dir, Map.of()))) {
            var routes = voicegate.http().routes();
            var document = voicegate.http().openApi();
            assertThat(OpenApiCoverage.undocumented(routes, document)).as("routes missing from /openapi.json").isEmpty();
            assertThat(OpenApiCoverage.unserved(routes, document)).as("documented operations nobody serves").isEmpty();
        }
    }

    @Test
    void self_signed_tls_serves_https_with_a_certificate_created_once_and_reused(@TempDir Path dir) throws Exception {
        var tlsEnv = Map.of("TLS_SELF_SIGNED", "true", "TLS_PORT", "0");
        String firstCert;
        try (var voicegate = Voicegate.start(config(dir, tlsEnv))) {
            var cert = dir.resolve("data/tls/cert.pem");
            assertThat(cert).exists();
            assertThat(Files.getPosixFilePermissions(dir.resolve("data/tls/key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            firstCert = Files.readString(cert);
            var https = get(trusting(cert), "https://127.0.0.1:" + voicegate.tlsPort().orElseThrow() + "/health");
            assertThat(https.statusCode()).isEqualTo(200);
            var viaLocalhost = get(trusting(cert), "https://localhost:" + voicegate.tlsPort().orElseThrow() + "/health");
            assertThat(viaLocalhost.statusCode()).isEqualTo(200);
            var plain = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + voicegate.port() + "/health");
            assertThat(plain.statusCode()).as("plain HTTP stays on its own port").isEqualTo(200);
        }
        try (var again = Voicegate.start(config(dir, tlsEnv))) {
            assertThat(Files.readString(dir.resolve("data/tls/cert.pem"))).isEqualTo(firstCert);
            var https = get(trusting(dir.resolve("data/tls/cert.pem")), "https://127.0.0.1:" + again.tlsPort().orElseThrow() + "/health");
            assertThat(https.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pem_files_given_by_path_serve_https(@TempDir Path dir) throws Exception {
        var certDir = dir.resolve("certs");
        var cert = io.voicegate.launcher.tls.TlsKeyStores.ensureSelfSigned(certDir);
        var env = Map.of("TLS_CERT_FILE", cert.toString(), "TLS_KEY_FILE", certDir.resolve("key.pem").toString(), "TLS_PORT", "0");
        try (var voicegate = Voicegate.start(config(dir, env))) {
            var https = get(trusting(cert), "https://127.0.0.1:" + voicegate.tlsPort().orElseThrow() + "/health");
            assertThat(https.statusCode()).isEqualTo(200);
        }
    }

    static LauncherConfig config(Path dir, Map<String, String> extra) {
        var values = new HashMap<String, String>();
        values.put("HOST", "127.0.0.1");
        values.put("PORT", "0");
        values.put("DATA_DIR", dir.resolve("data").toString());
        values.putAll(extra);
        return LauncherConfig.from(new Env(values));
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpClient trusting(Path certificate) throws Exception {
        var trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trustStore.setCertificateEntry("voicegate", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        var ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
