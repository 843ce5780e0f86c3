package io.voicegate.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.usage.ApiEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI-compatible REST routes over real sockets: JDK HTTP client → gateway → OpenAI adapter → fake OpenAI. */
class OpenAiRestRoutesIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    private OpenAiRestFixture gateway = new OpenAiRestFixture();
    private final HttpClient http = HttpClient.newHttpClient();
    private final OpenAiRestFixture.User alice = gateway.consentingUser();

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String path, String token, String body) throws Exception {
        return post(path, token, "application/json", body);
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return MAPPER.readTree(response.body()).path("error");
    }

    // ---- client secrets ------------------------------------------------------------------------------------------

    @Test
    void mints_a_client_secret_with_the_enforced_policy_and_records_the_session() throws Exception {
        var response = json("/realtime/client_secrets", alice.token(), "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":600},"
                + "\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\",\"instructions\":\"Be rude.\",\"audio\":{\"output\":{\"voice\":\"echo\"}}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        var body = MAPPER.readTree(response.body());
        assertThat(body.path("value").asText()).startsWith("ek_");
        assertThat(body.path("session").path("model").asText()).isEqualTo("gpt-realtime-mini");
        var session = gateway.sessions.find(SessionId.parse(body.path("voicegate_session_id").asText()).orElseThrow()).orElseThrow();
        assertThat(session.status()).isEqualTo(SessionStatus.CREATED);
        assertThat(session.mode()).isEqualTo(ConnectionMode.WEBSOCKET);
        assertThat(session.owner()).isEqualTo(alice.id());
        assertThat(session.model()).contains("gpt-realtime-mini");

        var forwarded = gateway.fake.requestsTo("/v1/realtime/client_secrets").get(0);
        assertThat(forwarded.header("Authorization")).contains("Bearer " + gateway.fake.apiKey());
        var sent = MAPPER.readTree(forwarded.bodyText());
        assertThat(sent.path("expires_after").path("seconds").asLong()).isEqualTo(60);
        assertThat(sent.path("session").path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(sent.path("session").path("audio").path("output").path("voice").asText()).isEqualTo("marin");
        assertThat(sent.path("session").path("audio").path("input").path("transcription").path("model").asText())
                .isEqualTo("gpt-4o-mini-transcribe");
    }

    @Test
    void refuses_a_model_outside_the_allow_list_without_calling_openai() throws Exception {
        var response = json("/realtime/client_secrets", alice.token(), "{\"session\":{\"type\":\"realtime\",\"model\":\"gpt-4o-realtime-preview\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        var error = error(response);
        assertThat(error.path("code").asText()).isEqualTo("model_not_allowed");
        assertThat(error.path("param").asText()).isEqualTo("session.model");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(gateway.fake.requests()).isEmpty();
        assertThat(gateway.sessions.countLive(alice.id(), gateway.clock.instant())).isZero();
    }

    /** OpenAI accepts only {@code created_at} as the anchor; another is the client's mistake, not silently replaced. */
    @Test
    void refuses_an_expiry_anchor_openai_does_not_know_without_calling_openai() throws Exception {
        var response = json("/realtime/client_secrets", alice.token(), "{\"expires_after\":{\"anchor\":\"now\",\"seconds\":30}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("param").asText()).isEqualTo("expires_after.anchor");
        assertThat(error(response).path("code").asText()).isEqualTo("invalid_value");
        assertThat(gateway.fake.requests()).isEmpty();
        assertThat(gateway.sessions.countLive(alice.id(), gateway.clock.instant())).isZero();
    }

    @Test
    void refuses_without_consent_and_tells_sdks_not_to_retry() throws Exception {
        var response = json("/realtime/client_secrets", gateway.userWithoutConsent().token(), "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response).path("code").asText()).isEqualTo("consent_required");
        assertThat(response.headers().firstValue("x-should-retry")).contains("false");
        assertThat(gateway.fake.requests()).isEmpty();
    }

    @Test
    void refuses_over_the_concurrent_session_quota_with_no_retry() throws Exception {
        assertThat(json("/realtime/client_secrets", alice.token(), "{}").statusCode()).isEqualTo(200);
        assertThat(json("/realtime/client_secrets", alice.token(), "{}").statusCode()).isEqualTo(200);
        var third = json("/realtime/client_secrets", alice.token(), "{}");

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("x-should-retry")).contains("false");
        assertThat(gateway.fake.requestsTo("/v1/realtime/client_secrets")).hasSize(2);
    }

    @Test
    void refuses_without_a_voicegate_token_in_openai_shape() throws Exception {
        var response = json("/realtime/client_secrets", null, "{}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(error(response).path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(json("/chat/completions", "not-a-token", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void maps_upstream_failures_and_passes_retry_after_through() throws Exception {
        gateway.fake.failNextRequest(401);
        var refusedKey = json("/realtime/client_secrets", alice.token(), "{}");
        assertThat(refusedKey.statusCode()).isEqualTo(503);
        assertThat(refusedKey.body()).contains("OPENAI_API_KEY").doesNotContain(gateway.fake.apiKey());
        assertThat(refusedKey.headers().firstValue("x-should-retry")).as("a refused server key stays refused").contains("false");

        gateway.fake.failNextRequestWithRateLimit(Duration.ofSeconds(7));
        var limited = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(limited.headers().firstValue("x-should-retry")).isEmpty();
        assertThat(error(limited).path("code").asText()).isEqualTo("rate_limit_exceeded");

        gateway.fake.failNextRequest(429);
        var slowDown = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
        assertThat(slowDown.statusCode()).isEqualTo(429);
        assertThat(slowDown.headers().firstValue("x-should-retry")).as("a rate limit without Retry-After may be retried with backoff").isEmpty();

        gateway.fake.failNextRequestWithInsufficientQuota();
        var noCredit = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");
        assertThat(noCredit.statusCode()).isEqualTo(429);
        assertThat(error(noCredit).path("code").asText()).isEqualTo("insufficient_quota");
        assertThat(noCredit.headers().firstValue("x-should-retry")).as("no credit stays no credit").contains("false");

        gateway.fake.failNextRequest(500);
        var failed = json("/audio/speech", alice.token(), "{\"model\":\"tts-1\",\"input\":\"hi\",\"voice\":\"alloy\"}");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("x-should-retry")).as("a passing upstream failure may be retried").isEmpty();
        assertThat(failed.headers().firstValue("Retry-After")).contains("1");
        assertThat(gateway.sessions.countLive(alice.id(), gateway.clock.instant())).isZero();
    }

    @Test
    void answers_503_naming_the_missing_key_when_openai_is_not_configured() throws Exception {
        gateway.close();
        gateway = new OpenAiRestFixture(s -> s, false);
        var user = gateway.consentingUser();
        for (var path : new String[]{"/realtime/client_secrets", "/chat/completions", "/audio/speech"}) {
            var response = json(path, user.token(), "{}");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(error(response).path("message").asText()).contains("OPENAI_API_KEY");
        }
    }

    // ---- WebRTC calls --------------------------------------------------------------------------------------------

    @Test
    void answers_a_raw_sdp_offer_and_records_the_call_through_its_sideband() throws Exception {
        var response = post("/realtime/calls", alice.token(), "application/sdp", OFFER);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/sdp"));
        assertThat(response.body()).startsWith("v=0");
        var location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/openai/v1/realtime/calls/rtc_");
        var callId = location.substring(location.lastIndexOf('/') + 1);
        var sessionId = SessionId.parse(response.headers().firstValue("Voicegate-Session-Id").orElseThrow()).orElseThrow();

        var forwarded = gateway.fake.requestsTo("/v1/realtime/calls").get(0);
        assertThat(forwarded.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("multipart/form-data"));
        assertThat(forwarded.bodyText()).contains("\"instructions\":\"Be brief.\"").contains("\"model\":\"gpt-realtime\"");

        eventually(() -> gateway.sessions.find(sessionId).orElseThrow().status() == SessionStatus.ACTIVE);
        assertThat(gateway.fake.requestsTo("/v1/realtime").get(0).query()).contains("call_id=" + callId);
        // The fake registers its socket in its own onConnect, which may run just after our side saw the handshake;
        // once it has read the sideband's opening session.update, the socket is known with its call id.
        assertThat(gateway.fake.awaitClientEvent("session.update", Duration.ofSeconds(5))).isPresent();
        gateway.fake.speakOnCall(callId, "Where is my parcel?");
        eventually(() -> gateway.transcripts.turns(sessionId).size() >= 2);
        assertThat(gateway.transcripts.turns(sessionId)).extracting(Turn::text).contains("Where is my parcel?");

        var hangup = post("/realtime/calls/" + callId + "/hangup", alice.token(), "application/json", "");
        assertThat(hangup.statusCode()).isEqualTo(200);
        assertThat(gateway.fake.activeCalls()).doesNotContain(callId);
        var ended = gateway.sessions.find(sessionId).orElseThrow();
        assertThat(ended.endReason()).contains(EndReason.ENDED_BY_USER);
        assertThat(gateway.calls.count()).isZero();
    }

    @Test
    void accepts_the_multipart_form_and_refuses_a_disallowed_model_in_it() throws Exception {
        var boundary = "b0undary";
        var ok = multipart(boundary, OFFER, "{\"type\":\"realtime\",\"model\":\"gpt-realtime-mini\"}");
        var response = post("/realtime/calls", alice.token(), "multipart/form-data; boundary=" + boundary, ok);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(gateway.fake.requestsTo("/v1/realtime/calls").get(0).bodyText()).contains("gpt-realtime-mini");

        var refused = post("/realtime/calls", alice.token(), "multipart/form-data; boundary=" + boundary,
                multipart(boundary, OFFER, "{\"type\":\"realtime\",\"model\":\"gpt-5-realtime\"}"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused).path("code").asText()).isEqualTo("model_not_allowed");

        var noSdp = post("/realtime/calls", alice.token(), "text/plain", "hello");
        assertThat(noSdp.statusCode()).isEqualTo(400);
        assertThat(gateway.fake.requestsTo("/v1/realtime/calls")).hasSize(1);
    }

    @Test
    void continues_a_webrtc_session_for_its_owner_only() throws Exception {
        var id = new SessionId(UUID.randomUUID());
        var now = gateway.clock.instant();
        gateway.sessions.insert(VoiceSession.created(id, alice.id(), "openai", ConnectionMode.WEBRTC, Optional.of("gpt-realtime"),
                Optional.of("marin"), "{}", now, now.plusSeconds(60)));

        var stranger = gateway.consentingUser();
        var refused = post("/realtime/calls?session_id=" + id, stranger.token(), "application/sdp", OFFER);
        assertThat(refused.statusCode()).isEqualTo(404);

        var response = post("/realtime/calls?session_id=" + id, alice.token(), "application/sdp", OFFER);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Voicegate-Session-Id")).contains(id.toString());
        eventually(() -> gateway.sessions.find(id).orElseThrow().status() == SessionStatus.ACTIVE);
        assertThat(gateway.sessions.countLive(alice.id(), now)).isEqualTo(1);

        var again = post("/realtime/calls?session_id=" + id, alice.token(), "application/sdp", OFFER);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("x-should-retry")).contains("false");
    }

    @Test
    void hangs_up_the_call_when_the_sideband_reaches_the_maximum_duration() throws Exception {
        var response = post("/realtime/calls", alice.token(), "application/sdp", OFFER);
        var location = response.headers().firstValue("Location").orElseThrow();
        var callId = location.substring(location.lastIndexOf('/') + 1);
        var sessionId = SessionId.parse(response.headers().firstValue("Voicegate-Session-Id").orElseThrow()).orElseThrow();
        eventually(() -> gateway.sessions.find(sessionId).orElseThrow().status() == SessionStatus.ACTIVE);
        assertThat(gateway.fake.activeCalls()).contains(callId);

        gateway.clock.advance(Duration.ofMinutes(6));
        gateway.relays.checkTimeouts();

        assertThat(gateway.fake.activeCalls()).doesNotContain(callId);
        assertThat(gateway.sessions.find(sessionId).orElseThrow().endReason()).contains(EndReason.MAX_DURATION);
    }

    @Test
    void ends_a_users_calls_when_asked_and_hangs_them_up() throws Exception {
        var response = post("/realtime/calls", alice.token(), "application/sdp", OFFER);
        var location = response.headers().firstValue("Location").orElseThrow();
        var callId = location.substring(location.lastIndexOf('/') + 1);

        assertThat(gateway.calls.endAllOf(alice.id(), io.voicegate.core.realtime.RelayEnd.Reason.CONSENT_WITHDRAWN)).isEqualTo(1);

        assertThat(gateway.fake.activeCalls()).doesNotContain(callId);
        var other = post("/realtime/calls/" + callId + "/hangup", alice.token(), "application/json", "");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(error(other).path("code").asText()).isEqualTo("call_not_found");
    }

    private static String multipart(String boundary, String sdp, String session) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sdp\"\r\n\r\n" + sdp + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"session\"\r\n\r\n" + session + "\r\n--" + boundary + "--\r\n";
    }

    // ---- chat completions ----------------------------------------------------------------------------------------

    @Test
    void forwards_a_chat_completion_and_stores_the_usage_it_reports_for_the_caller() throws Exception {
        gateway.fake.chatReplyWith("Hello there");
        var response = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        var body = MAPPER.readTree(response.body());
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello there");
        assertThat(gateway.fake.requestsTo("/v1/chat/completions").get(0).header("Authorization")).contains("Bearer " + gateway.fake.apiKey());
        assertStoredOnce(alice, body.path("usage"));
    }

    @Test
    void relays_a_streamed_chat_chunk_before_the_upstream_finishes_and_stores_the_usage_of_its_last_chunk() throws Exception {
        gateway.fake.chatReplyWith("one two three").holdStreams();
        var request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + alice.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        String rest;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var first = reader.readLine();
            assertThat(first).startsWith("data: {").contains("chat.completion.chunk");
            assertThat(gateway.storedChatUsage(alice.id())).isEmpty();

            gateway.fake.releaseStreams();
            var lines = new StringBuilder();
            for (var line = reader.readLine(); line != null; line = reader.readLine()) lines.append(line).append('\n');
            rest = lines.toString();
        }
        assertThat(rest).contains("three").endsWith("data: [DONE]\n\n");
        assertStoredOnce(alice, usageChunk(rest));
    }

    @Test
    void a_streamed_chat_without_include_usage_stores_nothing() throws Exception {
        var streamed = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"usage\"");

        // A later answer that does report usage is stored alone: the stream before it left nothing behind.
        var later = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}");
        assertStoredOnce(alice, MAPPER.readTree(later.body()).path("usage"));
    }

    @Test
    void a_database_failure_while_recording_usage_leaves_the_answers_whole() throws Exception {
        gateway.fake.chatReplyWith("one two three");
        gateway.database.jdbi().useHandle(h -> h.execute("DROP TABLE api_usage_records"));

        var answer = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        var streamed = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(answer.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("one two three");
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("three").contains("\"usage\":{").endsWith("data: [DONE]\n\n");
    }

    @Test
    void chat_usage_is_stored_on_postgresql_too() throws Exception {
        gateway.close();
        gateway = new OpenAiRestFixture("postgres");
        var user = gateway.consentingUser();

        var answer = json("/chat/completions", user.token(), "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertStoredOnce(user, MAPPER.readTree(answer.body()).path("usage"));
        var streamed = json("/chat/completions", user.token(), "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");
        var usage = usageChunk(streamed.body());
        eventually(() -> gateway.storedChatUsage(user.id()).size() == 2);
        assertThat(gateway.storedChatUsage(user.id()).get(1)).satisfies(row -> {
            assertThat(row.promptTokens()).isEqualTo(usage.path("prompt_tokens").asLong()).isEqualTo(13);
            assertThat(row.completionTokens()).isEqualTo(usage.path("completion_tokens").asLong());
        });
    }

    /** The usage object of the stream's last chunk, as the client received it. */
    private static JsonNode usageChunk(String sse) throws Exception {
        var lines = sse.lines().filter(l -> l.startsWith("data: {") && l.contains("\"usage\":{")).toList();
        assertThat(lines).as("one usage chunk").hasSize(1);
        return MAPPER.readTree(lines.get(0).substring("data: ".length())).path("usage");
    }

    /** One chat-completion row for the user in the database, with the numbers the client saw. */
    private void assertStoredOnce(OpenAiRestFixture.User user, JsonNode usage) {
        assertThat(usage.path("prompt_tokens").asLong()).isPositive();
        eventually(() -> !gateway.storedChatUsage(user.id()).isEmpty());
        assertThat(gateway.storedChatUsage(user.id())).singleElement().satisfies(row -> {
            assertThat(row.user()).isEqualTo(user.id());
            assertThat(row.endpoint()).isEqualTo(ApiEndpoint.CHAT_COMPLETIONS);
            assertThat(row.provider()).isEqualTo("openai");
            assertThat(row.model()).isEqualTo("gpt-4o-mini");
            assertThat(row.promptTokens()).isEqualTo(usage.path("prompt_tokens").asLong());
            assertThat(row.completionTokens()).isEqualTo(usage.path("completion_tokens").asLong());
            assertThat(row.totalTokens()).isEqualTo(usage.path("total_tokens").asLong());
        });
    }

    @Test
    void refuses_a_chat_request_without_model_or_messages() throws Exception {
        var noModel = json("/chat/completions", alice.token(), "{\"messages\":[]}");
        assertThat(noModel.statusCode()).isEqualTo(400);
        assertThat(error(noModel).path("param").asText()).isEqualTo("model");
        var noMessages = json("/chat/completions", alice.token(), "{\"model\":\"gpt-4o-mini\"}");
        assertThat(error(noMessages).path("param").asText()).isEqualTo("messages");
        assertThat(json("/chat/completions", alice.token(), "not json").statusCode()).isEqualTo(400);
        assertThat(gateway.fake.requests()).isEmpty();
    }

    // ---- speech --------------------------------------------------------------------------------------------------

    @Test
    void streams_speech_audio_with_the_upstream_content_type_before_it_is_complete() throws Exception {
        gateway.fake.holdStreams();
        var request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/audio/speech"))
                .header("Authorization", "Bearer " + alice.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hello world\",\"voice\":\"coral\"}")).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("audio/mpeg");
        try (var body = response.body()) {
            var head = body.readNBytes(3);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("ID3");
            gateway.fake.releaseStreams();
            assertThat(3 + body.readAllBytes().length).isEqualTo("Hello world".length() * 2400);
        }
    }

    @Test
    void validates_speech_input_voice_and_format_naming_the_param() throws Exception {
        var tooLong = json("/audio/speech", alice.token(), "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + "a".repeat(4097) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(error(tooLong).path("param").asText()).isEqualTo("input");
        var voice = json("/audio/speech", alice.token(), "{\"model\":\"tts-1\",\"voice\":\"darth\",\"input\":\"hi\"}");
        assertThat(error(voice).path("param").asText()).isEqualTo("voice");
        var format = json("/audio/speech", alice.token(), "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"hi\",\"response_format\":\"ogg\"}");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(error(format).path("param").asText()).isEqualTo("response_format");
        assertThat(gateway.fake.requests()).isEmpty();
    }

    // ---- models --------------------------------------------------------------------------------------------------

    @Test
    void lists_the_allowed_models_in_openai_list_shape() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/models"))
                .header("Authorization", "Bearer " + alice.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        var body = MAPPER.readTree(response.body());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).extracting(n -> n.path("id").asText()).containsExactly("gpt-realtime", "gpt-realtime-mini");
        assertThat(body.path("data").get(0).path("object").asText()).isEqualTo("model");
        assertThat(body.path("data").get(0).has("created")).isTrue();
        assertThat(body.path("data").get(0).has("owned_by")).isTrue();
    }

    /** Waits (at most 5 s) for something another thread does; fails the test if it never happens. */
    static void eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
