package io.voicegate.testkit.openai;

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
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Holds the fake's REST endpoints to the protocol doc (shared/protocols/openai.md §1, §3–§6), with the JDK client. */
class FakeOpenAiRestIT {

    private static final String OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) request.header("Authorization", "Bearer " + key);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body, fake.apiKey());
    }

    @Test
    void mints_a_client_secret_with_the_merged_session() throws Exception {
        var response = postJson("/realtime/client_secrets",
                "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":60},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"instructions\":\"Be nice.\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        var body = FakeJson.parse(response.body());
        assertThat(body.path("value").asText()).startsWith("ek_");
        assertThat(body.path("expires_at").asLong()).isBetween(System.currentTimeMillis() / 1000 + 50, System.currentTimeMillis() / 1000 + 70);
        assertThat(body.path("session").path("instructions").asText()).isEqualTo("Be nice.");
        assertThat(body.path("session").path("audio").path("output").path("voice").asText()).isEqualTo("alloy");

        var socket = JdkRealtimeClient.connect(fake.realtimeUri("gpt-realtime"), null, "realtime", "openai-insecure-api-key." + body.path("value").asText());
        assertThat(socket.next().path("session").path("instructions").asText()).isEqualTo("Be nice.");
    }

    @Test
    void refuses_client_secret_requests_that_break_the_rules() throws Exception {
        var noType = postJson("/realtime/client_secrets", "{\"session\":{\"model\":\"gpt-realtime\"}}");
        assertThat(noType.statusCode()).isEqualTo(400);
        assertThat(FakeJson.parse(noType.body()).path("error").path("param").asText()).isEqualTo("session.type");
        var tooLong = postJson("/realtime/client_secrets", "{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":9000}}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(FakeJson.parse(tooLong.body()).path("error").path("param").asText()).isEqualTo("expires_after.seconds");
        var noKey = post("/realtime/client_secrets", "application/json", "{}", null);
        assertThat(noKey.statusCode()).isEqualTo(401);
        var error = FakeJson.parse(noKey.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.has("param") && error.has("type") && error.has("message")).isTrue();
    }

    @Test
    void creates_a_call_from_multipart_then_attaches_a_sideband_and_hangs_up() throws Exception {
        var boundary = "----vg" + System.nanoTime();
        var multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sdp\"\r\nContent-Type: application/sdp\r\n\r\n" + OFFER + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"session\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"instructions\":\"On the phone.\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"whisper-1\"}}}}\r\n"
                + "--" + boundary + "--\r\n";
        var created = post("/realtime/calls", "multipart/form-data; boundary=" + boundary, multipart, fake.apiKey());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/sdp"));
        assertThat(created.body()).startsWith("v=0");
        var location = created.headers().firstValue("location").orElseThrow();
        assertThat(location).matches("/v1/realtime/calls/rtc_[a-z0-9_]+");
        var callId = location.substring(location.lastIndexOf('/') + 1);

        var sideband = JdkRealtimeClient.connect(fake.sidebandUri(callId), fake.apiKey());
        assertThat(sideband.next().path("session").path("instructions").asText()).isEqualTo("On the phone.");
        fake.speakOnCall(callId, "Book a table.");
        var types = sideband.typesUntil("response.done");
        assertThat(types).contains("conversation.item.input_audio_transcription.completed", "response.output_audio_transcript.done",
                "output_audio_buffer.started").doesNotContain("response.output_audio.delta");

        var hangup = postJson("/realtime/calls/" + callId + "/hangup", "");
        assertThat(hangup.statusCode()).isEqualTo(200);
        assertThat(sideband.awaitClose().code()).isEqualTo(1000);
        assertThat(fake.activeCalls()).isEmpty();
        assertThat(postJson("/realtime/calls/" + callId + "/hangup", "").statusCode()).isEqualTo(404);
    }

    @Test
    void creates_a_call_from_a_raw_offer_with_an_ephemeral_key() throws Exception {
        var secret = FakeJson.parse(postJson("/realtime/client_secrets", "{\"session\":{\"type\":\"realtime\",\"instructions\":\"Ephemeral.\"}}").body());
        var created = post("/realtime/calls", "application/sdp", OFFER, secret.path("value").asText());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(fake.lastCallId()).isPresent();
        var sideband = JdkRealtimeClient.connect(fake.sidebandUri(fake.lastCallId().get()), fake.apiKey());
        assertThat(sideband.next().path("session").path("instructions").asText()).isEqualTo("Ephemeral.");
    }

    @Test
    void refuses_a_sideband_for_an_unknown_call_with_404() {
        var failure = CompletableFuture.supplyAsync(() -> JdkRealtimeClient.connect(fake.sidebandUri("rtc_nope"), fake.apiKey()))
                .handle((ok, error) -> error).join();
        var cause = failure;
        while (!(cause instanceof java.net.http.WebSocketHandshakeException)) cause = cause.getCause();
        var response = ((java.net.http.WebSocketHandshakeException) cause).getResponse();
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FakeJson.parse(String.valueOf(response.body())).path("error").path("code").asText()).isEqualTo("call_id_not_found");
    }

    @Test
    void streams_chat_completions_as_sse_with_usage_and_done() throws Exception {
        fake.chatReplyWith("Hello there friend.");
        var response = postJson("/chat/completions",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        var events = new ArrayList<String>();
        for (var block : response.body().split("\n\n")) {
            assertThat(block).startsWith("data: ");
            events.add(block.substring(6));
        }
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        var first = FakeJson.parse(events.get(0));
        assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        var content = new StringBuilder();
        for (var event : events.subList(0, events.size() - 1)) {
            FakeJson.parse(event).path("choices").forEach(c -> content.append(c.path("delta").path("content").asText("")));
        }
        assertThat(content.toString()).isEqualTo("Hello there friend.");
        var usage = FakeJson.parse(events.get(events.size() - 2));
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(FakeJson.parse(events.get(events.size() - 3)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void leaves_usage_out_of_chunks_unless_asked() throws Exception {
        var response = postJson("/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}");
        assertThat(response.body()).doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void answers_chat_completions_as_json_without_stream() throws Exception {
        var response = postJson("/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        var body = FakeJson.parse(response.body());
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("Hello from the simulated model.");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isPositive();
        var bad = postJson("/chat/completions", "{\"model\":\"gpt-4o-mini\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(FakeJson.parse(bad.body()).path("error").path("param").asText()).isEqualTo("messages");
    }

    @Test
    void delivers_the_first_chunk_while_the_stream_is_held() throws Exception {
        fake.holdStreams();
        var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + fake.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}")).build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("data: {");
        fake.releaseStreams();
        String line;
        String last = null;
        while ((line = reader.readLine()) != null) if (!line.isEmpty()) last = line;
        assertThat(last).isEqualTo("data: [DONE]");
    }

    @Test
    void synthesises_speech_as_chunked_audio_bytes() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/audio/speech"))
                .header("Authorization", "Bearer " + fake.apiKey()).header("Content-Type", "application/json")
                .header("Accept", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hello\",\"voice\":\"coral\"}")).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("audio/mpeg");
        assertThat(response.headers().firstValue("content-length")).isEmpty();
        assertThat(new String(response.body(), 0, 3, StandardCharsets.US_ASCII)).isEqualTo("ID3");
        assertThat(response.body()).hasSize(5 * 2400);

        var tooLong = postJson("/audio/speech", "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + "a".repeat(4097) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(FakeJson.parse(tooLong.body()).path("error").path("param").asText()).isEqualTo("input");
        var emoji = new String(Character.toChars(0x1F600));
        assertThat(postJson("/audio/speech", "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + emoji.repeat(4096) + "\"}")
                .statusCode()).as("4,096 characters, though 8,192 UTF-16 units").isEqualTo(200);
        var badFormat = postJson("/audio/speech", "{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"x\",\"response_format\":\"ogg\"}");
        assertThat(FakeJson.parse(badFormat.body()).path("error").path("param").asText()).isEqualTo("response_format");
    }

    @Test
    void fails_the_next_request_on_demand_then_recovers() throws Exception {
        var chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        fake.failNextRequest(401).failNextRequestWithRateLimit(Duration.ofSeconds(7)).failNextRequest(500);
        assertThat(postJson("/chat/completions", chat).statusCode()).isEqualTo(401);
        var limited = postJson("/chat/completions", chat);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("7");
        assertThat(FakeJson.parse(limited.body()).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
        var broken = postJson("/chat/completions", chat);
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(FakeJson.parse(broken.body()).path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(postJson("/chat/completions", chat).statusCode()).isEqualTo(200);
    }

    @Test
    void records_requests_with_headers_and_body() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + fake.apiKey()).header("Content-Type", "application/json")
                .header("x-stainless-lang", "java")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
        var recorded = fake.requestsTo("/v1/chat/completions").get(0);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.header("X-Stainless-Lang")).contains("java");
        assertThat(recorded.bodyText()).contains("\"model\":\"m\"");
    }
}
