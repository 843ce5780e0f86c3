package io.voicegate.launcher;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import com.openai.models.realtime.RealtimeSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import io.voicegate.core.session.SessionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official OpenAI Java SDK as a client of the gateway: pointed at {@code http://127.0.0.1:PORT/openai/v1} with a
 * Voicegate access token as its API key, it works unchanged.
 */
class OpenAiSdkIT {

    private final OpenAiRestFixture gateway = new OpenAiRestFixture();
    private final OpenAiRestFixture.User alice = gateway.consentingUser();
    private final OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(alice.token())
            .timeout(Duration.ofSeconds(20)).build();

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    private static ChatCompletionCreateParams.Builder chat() {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("hi");
    }

    @Test
    void completes_a_chat() {
        gateway.fake.chatReplyWith("Hello from the fake");

        var completion = client.chat().completions().create(chat().build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from the fake");
        var usage = completion.usage().orElseThrow();
        OpenAiRestRoutesIT.eventually(() -> !gateway.storedChatUsage(alice.id()).isEmpty());
        assertThat(gateway.storedChatUsage(alice.id())).singleElement().satisfies(row -> {
            assertThat(row.model()).isEqualTo("gpt-4o-mini");
            assertThat(row.promptTokens()).isEqualTo(usage.promptTokens());
            assertThat(row.completionTokens()).isEqualTo(usage.completionTokens());
        });
        assertThat(gateway.fake.requestsTo("/v1/chat/completions").get(0).header("Authorization"))
                .contains("Bearer " + gateway.fake.apiKey());
    }

    @Test
    void streams_a_chat_with_usage() {
        gateway.fake.chatReplyWith("one two three");

        String text;
        List<CompletionUsage> usage;
        try (var stream = client.chat().completions().createStreaming(chat()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            var chunks = stream.stream().collect(Collectors.toList());
            text = chunks.stream().flatMap(c -> c.choices().stream()).map(c -> c.delta().content().orElse(""))
                    .collect(Collectors.joining());
            usage = chunks.stream().map(ChatCompletionChunk::usage).flatMap(Optional::stream).toList();
        }

        assertThat(text.replace(" ", "")).isEqualTo("onetwothree");
        assertThat(usage).hasSize(1);
        OpenAiRestRoutesIT.eventually(() -> !gateway.storedChatUsage(alice.id()).isEmpty());
        assertThat(gateway.storedChatUsage(alice.id())).singleElement().satisfies(row -> {
            assertThat(row.promptTokens()).isEqualTo(usage.get(0).promptTokens());
            assertThat(row.completionTokens()).isEqualTo(usage.get(0).completionTokens()).isEqualTo(3);
        });
    }

    @Test
    void speaks() throws Exception {
        try (var response = client.audio().speech().create(SpeechCreateParams.builder().model("gpt-4o-mini-tts")
                .input("Hello").voice("coral").build())) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().readAllBytes()).hasSize("Hello".length() * 2400);
        }
    }

    /** OpenAI's limit is 4,096 characters, not UTF-16 units: text outside the BMP may use all of them. */
    @Test
    void speaks_4096_characters_outside_the_basic_plane_and_refuses_one_more() throws Exception {
        var grin = new String(Character.toChars(0x1F600));
        try (var response = client.audio().speech().create(SpeechCreateParams.builder().model("gpt-4o-mini-tts")
                .input(grin.repeat(4096)).voice("coral").build())) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body().readAllBytes()).isNotEmpty();
        }
        assertThatThrownBy(() -> client.audio().speech().create(SpeechCreateParams.builder().model("gpt-4o-mini-tts")
                .input(grin.repeat(4097)).voice("coral").build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).code()).contains("string_above_max_length"))
                .hasMessageContaining("length 4097");
    }

    @Test
    void passes_a_model_the_upstream_rejects_to_the_sdk_as_openai_said_it_streamed_or_not() {
        gateway.fake.failNextRequest(404);
        assertThatThrownBy(() -> client.chat().completions().create(chat().model("gpt-nonexistent").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.type()).contains("invalid_request_error");
                    assertThat(e.getMessage()).contains("does not exist");
                });
        gateway.fake.failNextRequest(404);
        assertThatThrownBy(() -> {
            try (var stream = client.chat().completions().createStreaming(chat().model("gpt-nonexistent").build())) {
                stream.stream().forEach(chunk -> { });
            }
        }).isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        assertThat(gateway.fake.requestsTo("/v1/chat/completions")).hasSize(2);
    }

    /** Against OpenAI a default SDK client retries a passing 5xx; through the gateway it must be allowed to as well. */
    @Test
    void retries_a_passing_upstream_failure_as_it_would_against_openai_but_not_a_refused_server_key() {
        gateway.fake.failNextRequest(500);
        var completion = client.chat().completions().create(chat().build());
        assertThat(completion.choices()).isNotEmpty();
        assertThat(gateway.fake.requestsTo("/v1/chat/completions")).hasSize(2);

        gateway.fake.failNextRequest(401);
        gateway.fake.failNextRequest(401);
        gateway.fake.failNextRequest(401);
        assertThatThrownBy(() -> client.chat().completions().create(chat().build()))
                .isInstanceOf(com.openai.errors.InternalServerException.class)
                .hasMessageContaining("OPENAI_API_KEY");
        assertThat(gateway.fake.requestsTo("/v1/chat/completions")).hasSize(3);
    }

    @Test
    void lists_the_allowed_models() {
        var models = client.models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("gpt-realtime", "gpt-realtime-mini");
    }

    @Test
    void mints_a_realtime_client_secret() {
        var secret = client.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
                .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").build()).build());

        assertThat(secret.value()).startsWith("ek_");
        assertThat(secret.expiresAt()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(secret._additionalProperties()).containsKey("voicegate_session_id");
        assertThat(gateway.sessions.listOwned(alice.id(), java.util.Optional.of(SessionStatus.CREATED),
                java.util.Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void raises_the_sdks_own_errors_without_retrying_refusals() {
        assertThatThrownBy(() -> client.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
                .session(RealtimeSessionCreateRequest.builder().model("gpt-4-realtime").build()).build()))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((BadRequestException) e).code()).contains("model_not_allowed"));

        var stranger = gateway.userWithoutConsent();
        var other = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(stranger.token()).build();
        try {
            assertThatThrownBy(() -> other.realtime().clientSecrets().create(ClientSecretCreateParams.builder()
                    .session(RealtimeSessionCreateRequest.builder().model("gpt-realtime").build()).build()))
                    .isInstanceOf(PermissionDeniedException.class);
        } finally {
            other.close();
        }

        gateway.fake.failNextRequestWithRateLimit(Duration.ofSeconds(1));
        gateway.fake.failNextRequestWithRateLimit(Duration.ofSeconds(1));
        gateway.fake.failNextRequestWithRateLimit(Duration.ofSeconds(1));
        assertThatThrownBy(() -> client.chat().completions().create(chat().build())).isInstanceOf(RateLimitException.class);
        assertThat(gateway.fake.requestsTo("/v1/chat/completions")).hasSize(3);
    }
}
