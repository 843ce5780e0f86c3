package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.postcall.CallRef;
import io.voicegate.core.postcall.IngestPostCallWebhook;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.postcall.PostCallParser;
import io.voicegate.core.postcall.WebhookRejected;
import io.voicegate.core.postcall.WebhookVerifier;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.tools.GetContextTool;
import io.voicegate.core.tools.RunServerTool;
import io.voicegate.core.tools.Tool;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.core.tools.UserContext;
import io.voicegate.testkit.ElevenLabsWebhookSender;
import io.voicegate.testkit.InMemoryAuditLog;
import io.voicegate.testkit.InMemoryPostCallSink;
import io.voicegate.testkit.InMemoryPseudonyms;
import io.voicegate.testkit.InMemorySessionRefs;
import io.voicegate.testkit.InMemoryWebhookEvents;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ElevenLabs routes over a real server on a random port, with the testkit's webhook sender as the client. The
 * signature scheme itself is tested in adapters-elevenlabs; here a verifier that only accepts the sender's exact
 * signature stands in, to test what HTTP must do: raw bytes to the verifier, 401 problem+json, 200/202, body limits.
 */
class ElevenLabsEndpointsIT {

    private static final String TOOL_SECRET = "tool-secret-0123456789";
    private static final String WEBHOOK_SECRET = "wsec_http_test";
    private static final UserId USER = new UserId(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
    private static final UUID SESSION = UUID.fromString("00000000-0000-4000-8000-0000000000bb");

    private final ObjectMapper json = new ObjectMapper();
    private final MutableClock clock = MutableClock.at("2026-02-01T12:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ElevenLabsWebhookSender sender = new ElevenLabsWebhookSender(http, WEBHOOK_SECRET, clock);
    private final InMemoryPostCallSink sink = new InMemoryPostCallSink().knowConversation("elevenlabs", "conv_known", SESSION);
    private final InMemoryWebhookEvents events = new InMemoryWebhookEvents();
    private final InMemorySessionRefs refs = new InMemorySessionRefs();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<byte[]> verified = new ArrayList<>();
    private final SessionRef ref = new SessionRef("AAAAAAAAAAAAAAAAAAAAAA");
    private HttpApi api;

    /** Accepts exactly what the sender signs now; records the bytes it was given. */
    private final WebhookVerifier verifier = request -> {
        var expected = sender.signature(clock.instant().getEpochSecond(), request.body());
        if (!request.header("ElevenLabs-Signature").equals(Optional.of(expected))) {
            throw new WebhookRejected(request.header("ElevenLabs-Signature").isEmpty()
                    ? WebhookRejected.Reason.MISSING_SIGNATURE : WebhookRejected.Reason.MISMATCH);
        }
        verified.add(request.body());
    };

    private final PostCallParser parser = body -> {
        try {
            var root = json.readTree(body);
            var call = new CallRef("elevenlabs", root.at("/data/conversation_id").asText(), Optional.empty());
            var at = Instant.ofEpochSecond(root.get("event_timestamp").asLong());
            return switch (root.get("type").asText()) {
                case "post_call_transcription" -> new PostCallEvent.Report(call, at, "done", List.of(),
                        Optional.empty(), Optional.empty(), Optional.empty(), false);
                case "call_initiation_failure" -> new PostCallEvent.InitiationFailure(call, at, "busy");
                default -> new PostCallEvent.Unsupported("elevenlabs", root.get("type").asText());
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    };

    @BeforeEach
    void start() {
        refs.assign(ref, new SessionRefs.Target(SESSION, USER));
        var ingest = new IngestPostCallWebhook(verifier, parser, sink, events, clock, false);
        var trail = new AuditTrail(audit, new InMemoryPseudonyms(), clock, new SequentialIds(), new byte[32]);
        var broken = new Tool("broken", "always fails", "{}", call -> {
            throw new IllegalStateException("NullPointerException at com.example.Secret");
        });
        var tools = ToolRegistry.of(List.of(
                GetContextTool.create(user -> new UserContext(Map.of("display_name", "Ada")), refs), broken));
        var webhooks = new ElevenLabsWebhookEndpoints(ingest);
        var toolRoutes = new ElevenLabsToolEndpoints(new RunServerTool(tools, refs, trail), TOOL_SECRET, ClientAddresses.direct());
        var settings = ElevenLabsWebhookEndpoints.bodyLimit(HttpSettings.defaults(), ElevenLabsWebhookEndpoints.DEFAULT_MAX_BYTES);
        api = HttpApi.create(settings, List.of(webhooks, toolRoutes), new OpenSockets())
                .start(HttpListeners.loopback(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        api.stop("test over");
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }

    private URI webhook() {
        return url(ElevenLabsWebhookEndpoints.PATH);
    }

    private byte[] transcription(String conversation) {
        return sender.transcription("agent_1", conversation, Optional.empty(),
                List.of(new ElevenLabsWebhookSender.Line("agent", "Hello", 0)), 10, 5);
    }

    private HttpResponse<String> postTool(String tool, Optional<String> secret, String body) throws Exception {
        var request = HttpRequest.newBuilder(url("/api/v1/elevenlabs/tools/" + tool))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        secret.ifPresent(s -> request.header(ElevenLabsToolEndpoints.SECRET_HEADER, s));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode problem(String body) throws IOException {
        return json.readTree(body);
    }

    @Test
    void a_signed_transcription_is_recorded_and_its_replay_changes_nothing() throws Exception {
        var body = transcription("conv_known");
        var first = sender.send(webhook(), body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("status").asText()).isEqualTo("recorded");
        assertThat(verified).singleElement().satisfies(bytes -> assertThat(bytes).isEqualTo(body));

        var replay = sender.send(webhook(), body);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("status").asText()).isEqualTo("duplicate");
        assertThat(sink.delivered()).hasSize(1);
    }

    @Test
    void an_unknown_conversation_is_kept_and_answered_202() throws Exception {
        var answer = sender.send(webhook(), sender.initiationFailure("agent_1", "conv_nobody", "busy"));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(events.unmatchedByConversation("elevenlabs", "conv_nobody")).hasSize(1);
        assertThat(sink.delivered()).isEmpty();
    }

    @Test
    void rejections_are_401_problem_json_and_parse_nothing() throws Exception {
        var body = transcription("conv_known");
        var missing = sender.post(webhook(), body, Optional.empty());
        var tampered = sender.post(webhook(), (new String(body) + " ").getBytes(),
                Optional.of(sender.signature(clock.instant().getEpochSecond(), body)));
        for (var answer : List.of(missing, tampered)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(problem(answer.body()).get("type").asText()).isEqualTo("invalid_webhook_signature");
            assertThat(answer.body()).doesNotContain(WEBHOOK_SECRET);
        }
        assertThat(sink.delivered()).isEmpty();
        assertThat(events.claimed()).isZero();
    }

    @Test
    void the_webhook_route_takes_bodies_up_to_five_mebibytes_even_chunked() throws Exception {
        var big = new byte[4 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        var body = concat(transcription("conv_known"), big);
        assertThat(sender.sendChunked(webhook(), body).status()).isEqualTo(200);
        assertThat(verified.get(0)).isEqualTo(body);

        // Over the limit the server answers 413 without reading the rest. A client still writing a body the server
        // will never read may see the connection reset before the answer, so these send only what the server reads.
        int limit = 5 * 1024 * 1024;
        assertThat(statusLine(rawWebhookRequest("Content-Length: " + (limit + 1) + "\r\n", new byte[0])))
                .as("a declared length over the limit is refused before the body is read").contains(" 413 ");
        var chunked = new java.io.ByteArrayOutputStream();
        var chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        for (int sent = 0; sent < limit; sent += chunk.length) { // exactly the limit, then one byte more
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("1\r\n \r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(statusLine(rawWebhookRequest("Transfer-Encoding: chunked\r\n", chunked.toByteArray())))
                .as("a chunked body that grows over the limit is refused").contains(" 413 ");
    }

    /** Sends a webhook request by hand (headers, then exactly {@code body}, no more) and returns what came back. */
    private String rawWebhookRequest(String lengthHeader, byte[] body) throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", webhook().getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST " + webhook().getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "ElevenLabs-Signature: t=1,v0=00\r\n" + lengthHeader + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readNBytes(512), java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static String statusLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    @Test
    void other_routes_keep_the_ordinary_limit() throws Exception {
        var body = new byte[(int) HttpSettings.DEFAULT_MAX_BODY_BYTES + 1];
        Arrays.fill(body, (byte) ' ');
        var answer = postTool("get_context", Optional.of(TOOL_SECRET), new String(body));
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void a_tool_call_answers_the_context_and_audits_what_was_disclosed() throws Exception {
        var answer = postTool("get_context", Optional.of(TOOL_SECRET),
                "{\"voicegate_session_ref\":\"" + ref.value() + "\",\"reason\":\"greeting\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body())).isEqualTo(json.readTree("{\"display_name\":\"Ada\"}"));
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("agent:elevenlabs");
            assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(event.detail()).hasValueSatisfying(d -> assertThat(d).contains("disclosed=display_name"));
            assertThat(event.ipHash()).isPresent();
        });
    }

    @Test
    void a_missing_or_wrong_tool_secret_is_401() throws Exception {
        var body = "{\"voicegate_session_ref\":\"" + ref.value() + "\"}";
        for (var secret : List.of(Optional.<String>empty(), Optional.of("wrong"), Optional.of(TOOL_SECRET + "x"))) {
            var answer = postTool("get_context", secret, body);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(TOOL_SECRET);
        }
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void unknown_tool_and_unknown_reference_are_404() throws Exception {
        var unknownTool = postTool("launch_rockets", Optional.of(TOOL_SECRET), "{\"voicegate_session_ref\":\"" + ref.value() + "\"}");
        assertThat(unknownTool.statusCode()).isEqualTo(404);
        assertThat(problem(unknownTool.body()).get("type").asText()).isEqualTo("unknown_tool");
        var unknownRef = postTool("get_context", Optional.of(TOOL_SECRET), "{\"voicegate_session_ref\":\"BBBBBBBBBBBBBBBBBBBBBB\"}");
        assertThat(unknownRef.statusCode()).isEqualTo(404);
        assertThat(problem(unknownRef.body()).get("type").asText()).isEqualTo("unknown_session_ref");
        var malformedRef = postTool("get_context", Optional.of(TOOL_SECRET), "{\"voicegate_session_ref\":\"x\"}");
        assertThat(malformedRef.statusCode()).isEqualTo(404);
    }

    @Test
    void a_missing_reference_or_a_non_object_body_is_400_naming_the_field() throws Exception {
        var missing = postTool("get_context", Optional.of(TOOL_SECRET), "{\"reason\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(problem(missing.body()).get("pointer").asText()).isEqualTo("/voicegate_session_ref");
        assertThat(postTool("get_context", Optional.of(TOOL_SECRET), "[1]").statusCode()).isEqualTo(400);
        assertThat(postTool("get_context", Optional.of(TOOL_SECRET), "{oops").statusCode()).isEqualTo(400);
    }

    @Test
    void a_failing_tool_answers_a_speakable_error_without_internals() throws Exception {
        var answer = postTool("broken", Optional.of(TOOL_SECRET), "{\"voicegate_session_ref\":\"" + ref.value() + "\"}");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("error").asText()).isEqualTo("The tool failed.");
        assertThat(answer.body()).doesNotContain("NullPointerException").doesNotContain("com.example");
    }

    @Test
    void both_routes_are_documented() throws Exception {
        var document = json.readTree(http.send(HttpRequest.newBuilder(url("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(document.at("/paths/~1api~1v1~1elevenlabs~1webhooks~1post-call/post").isObject()).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1elevenlabs~1tools~1{tool}/post").isObject()).isTrue();
        assertThat(api.routes()).contains("POST /api/v1/elevenlabs/webhooks/post-call", "POST /api/v1/elevenlabs/tools/{tool}");
        assertThat(OpenApiCoverage.undocumented(api.routes(), document)).isEmpty();
        assertThat(OpenApiCoverage.unserved(api.routes(), document)).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

}
