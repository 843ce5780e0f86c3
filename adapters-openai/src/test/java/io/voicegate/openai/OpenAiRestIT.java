package io.voicegate.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.provider.ProviderRateLimited;
import io.voicegate.core.provider.ProviderRejectedRequest;
import io.voicegate.core.provider.ProviderUnavailable;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against the fake OpenAI on loopback. */
class OpenAiRestIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private final FakeOpenAi fake = FakeOpenAi.start();
    private final OpenAiRest rest = new OpenAiRest(HttpClient.newHttpClient(), OpenAiSettings.of(URI.create(fake.baseUrl() + "/"), fake.apiKey()));

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void mints_a_client_secret_with_the_server_key() throws Exception {
        var secret = rest.createClientSecret("{\"expires_after\":{\"anchor\":\"created_at\",\"seconds\":60},\"session\":{\"type\":\"realtime\",\"model\":\"gpt-realtime\"}}");
        assertThat(secret.value()).startsWith("ek_");
        assertThat(secret.toString()).doesNotContain(secret.value());
        assertThat(MAPPER.readTree(secret.body()).path("session").path("model").asText()).isEqualTo("gpt-realtime");
        var request = fake.requestsTo("/v1/realtime/client_secrets").get(0);
        assertThat(request.header("Authorization")).contains("Bearer " + fake.apiKey());
        assertThat(request.bodyText()).contains("\"seconds\":60");
    }

    @Test
    void creates_a_call_with_multipart_or_a_bare_offer_and_hangs_up() {
        var offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
        var call = rest.createCall(offer, "{\"type\":\"realtime\",\"model\":\"gpt-realtime\",\"instructions\":\"Policy.\"}");
        assertThat(call.callId()).startsWith("rtc_");
        assertThat(call.sdp()).startsWith("v=0");
        assertThat(fake.requestsTo("/v1/realtime/calls").get(0).header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("multipart/form-data"));
        assertThat(fake.activeCalls()).containsExactly(call.callId());
        rest.hangUp(call.callId());
        assertThat(fake.activeCalls()).isEmpty();
        assertThatThrownBy(() -> rest.hangUp(call.callId())).isInstanceOf(ProviderRejectedRequest.class);

        assertThat(rest.createCall(offer, "").callId()).startsWith("rtc_");
    }

    @Test
    void passes_a_whole_chat_completion_through() throws Exception {
        var answer = rest.chatCompletion(CHAT + "}");
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(MAPPER.readTree(answer.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Hello from the simulated model.");
    }

    @Test
    void streams_chat_chunks_as_they_arrive() throws Exception {
        fake.holdStreams();
        try (var stream = rest.streamChatCompletion(CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}")) {
            var first = stream.next().orElseThrow();
            assertThat(MAPPER.readTree(first).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
            fake.releaseStreams();
            var rest = new ArrayList<String>();
            for (var data = stream.next(); data.isPresent(); data = stream.next()) rest.add(data.get());
            assertThat(rest.get(rest.size() - 1)).isEqualTo("[DONE]");
            var usage = rest.stream().map(ChatCompletionStream::usageOf).flatMap(java.util.Optional::stream).toList();
            assertThat(usage).hasSize(1);
            assertThat(usage.get(0).promptTokens()).isPositive();
        }
    }

    @Test
    void streams_speech_audio() throws Exception {
        fake.holdStreams();
        try (var audio = rest.speech("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hello\",\"voice\":\"coral\"}")) {
            assertThat(audio.contentType()).isEqualTo("audio/mpeg");
            var head = audio.body().readNBytes(3);
            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ID3");
            fake.releaseStreams();
            assertThat(audio.body().readAllBytes()).hasSize(5 * 2400 - 3);
        }
    }

    @Test
    void maps_a_rejected_server_key_without_repeating_it() {
        var wrong = new OpenAiRest(HttpClient.newHttpClient(), OpenAiSettings.of(URI.create(fake.baseUrl()), "sk-wrong-key"));
        assertThatThrownBy(() -> wrong.chatCompletion(CHAT + "}"))
                .isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("OPENAI_API_KEY").hasMessageNotContaining("sk-wrong");
    }

    @Test
    void maps_rate_limits_with_retry_after_and_server_errors() {
        fake.failNextRequestWithRateLimit(Duration.ofSeconds(7)).failNextRequest(500);
        assertThatThrownBy(() -> rest.chatCompletion(CHAT + "}")).isInstanceOfSatisfying(ProviderRateLimited.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> rest.speech("{\"model\":\"tts-1\",\"input\":\"x\",\"voice\":\"alloy\"}")).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void keeps_the_providers_code_and_param_for_a_bad_request() {
        assertThatThrownBy(() -> rest.speech("{\"model\":\"tts-1\",\"voice\":\"alloy\",\"input\":\"" + "a".repeat(4097) + "\"}"))
                .isInstanceOfSatisfying(ProviderRejectedRequest.class, e -> {
                    assertThat(e.code()).isEqualTo("string_above_max_length");
                    assertThat(e.details()).containsEntry("param", "input");
                });
    }

    @Test
    void reports_an_unreachable_provider() {
        int port = fake.port();
        fake.close();
        var gone = new OpenAiRest(HttpClient.newHttpClient(), OpenAiSettings.of(URI.create("http://127.0.0.1:" + port + "/v1"), "k"));
        assertThatThrownBy(() -> gone.chatCompletion(CHAT + "}")).isInstanceOf(ProviderUnavailable.class)
                .hasMessage("The voice provider could not be reached.");
    }
}
