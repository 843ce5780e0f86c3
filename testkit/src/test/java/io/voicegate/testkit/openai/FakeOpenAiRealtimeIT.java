package io.voicegate.testkit.openai;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Holds the fake's realtime WebSocket to the protocol doc (shared/protocols/openai.md §2), with the JDK client. */
class FakeOpenAiRealtimeIT {

    private final FakeOpenAi fake = FakeOpenAi.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    static String audio(boolean loud, int millis) {
        var bytes = new byte[millis * 48];
        if (loud) {
            for (int i = 0; i + 1 < bytes.length; i += 2) {
                short sample = (short) ((i / 2) % 2 == 0 ? 8000 : -8000);
                bytes[i] = (byte) sample;
                bytes[i + 1] = (byte) (sample >> 8);
            }
        }
        return "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}";
    }

    private JdkRealtimeClient connect() {
        return JdkRealtimeClient.connect(fake.realtimeUri("gpt-realtime"), fake.apiKey());
    }

    @Test
    void sends_session_created_first_and_merges_session_update() {
        var socket = connect();
        var created = socket.next();
        assertThat(created.path("type").asText()).isEqualTo("session.created");
        assertThat(created.path("event_id").asText()).matches("event_[A-Za-z0-9]{21}");
        assertThat(created.path("session").path("model").asText()).isEqualTo("gpt-realtime");
        assertThat(created.path("session").path("audio").path("input").path("turn_detection").path("type").asText()).isEqualTo("server_vad");

        socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Be brief.\",\"audio\":{\"output\":{\"voice\":\"marin\"}}}}");
        var updated = socket.await("session.updated");
        assertThat(updated.path("session").path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(updated.path("session").path("audio").path("output").path("voice").asText()).isEqualTo("marin");
        assertThat(updated.path("session").path("audio").path("output").path("speed").asDouble()).isEqualTo(1.0);
        assertThat(updated.path("event_id").asText()).isNotEqualTo(created.path("event_id").asText());
        assertThat(fake.requestsTo("/v1/realtime").get(0).header("Authorization")).contains("Bearer " + fake.apiKey());
    }

    @Test
    void selects_realtime_subprotocol_and_accepts_the_browser_key() {
        var socket = JdkRealtimeClient.connect(fake.realtimeUri("gpt-realtime"), null, "realtime", "openai-insecure-api-key." + fake.apiKey());
        assertThat(socket.subprotocol()).isEqualTo("realtime");
        assertThat(socket.next().path("type").asText()).isEqualTo("session.created");
    }

    @Test
    void refuses_a_bad_key_before_the_upgrade_or_in_band() {
        assertThatThrownBy(() -> JdkRealtimeClient.connect(fake.realtimeUri("gpt-realtime"), "sk-wrong"))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));

        fake.authFailure(FakeOpenAi.AuthFailure.IN_BAND);
        var socket = JdkRealtimeClient.connect(fake.realtimeUri("gpt-realtime"), "sk-wrong");
        assertThat(socket.next().path("error").path("code").asText()).isEqualTo("invalid_api_key");
        var closed = socket.awaitClose();
        assertThat(closed.code()).isEqualTo(3000);
        assertThat(closed.reason()).isEqualTo("invalid_request_error.invalid_api_key");
    }

    @Test
    void refuses_the_retired_beta_shape_with_4000() {
        var listener = JdkRealtimeClient.connectWith(fake.realtimeUri("gpt-realtime"),
                java.util.Map.of("Authorization", "Bearer " + fake.apiKey(), "OpenAI-Beta", "realtime=v1"));
        assertThat(listener.next().path("error").path("code").asText()).isEqualTo("beta_api_shape_disabled");
        assertThat(listener.awaitClose().code()).isEqualTo(4000);
    }

    @Test
    void simulates_server_vad_transcription_and_an_audio_response() {
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"transcription\":{\"model\":\"gpt-4o-transcribe\"}}}}}");
        socket.await("session.updated");
        fake.transcribeUserAudioAs("What is the weather?");
        for (int i = 0; i < 10; i++) socket.send(audio(true, 20));
        for (int i = 0; i < 15; i++) socket.send(audio(false, 20));

        var types = socket.typesUntil("response.done");
        assertThat(types).containsSubsequence("input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
                "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
                "conversation.item.input_audio_transcription.completed", "response.created", "response.output_item.added",
                "response.content_part.added", "response.output_audio_transcript.delta", "response.output_audio.delta",
                "response.output_audio.done", "response.output_audio_transcript.done", "response.content_part.done",
                "response.output_item.done", "response.done");
        var transcription = socket.seen().stream().map(FakeJson::parse)
                .filter(e -> e.path("type").asText().equals("conversation.item.input_audio_transcription.completed")).findFirst().orElseThrow();
        assertThat(transcription.path("transcript").asText()).isEqualTo("What is the weather?");
        var done = FakeJson.parse(socket.seen().get(socket.seen().size() - 1));
        assertThat(done.path("response").path("status").asText()).isEqualTo("completed");
        assertThat(done.path("response").path("usage").path("total_tokens").asInt()).isPositive();
        assertThat(done.path("response").path("output").get(0).path("content").get(0).path("transcript").asText())
                .isEqualTo("I heard: What is the weather?");
    }

    @Test
    void answers_a_text_turn_in_text_mode() {
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}");
        assertThat(socket.typesUntil("conversation.item.done")).containsExactly("conversation.item.added", "conversation.item.done");
        socket.send("{\"type\":\"response.create\",\"response\":{\"output_modalities\":[\"text\"]}}");
        var types = socket.typesUntil("response.done");
        assertThat(types).contains("response.output_text.delta", "response.output_text.done", "rate_limits.updated")
                .doesNotContain("response.output_audio.delta");
        var textDone = socket.seen().stream().map(FakeJson::parse)
                .filter(e -> e.path("type").asText().equals("response.output_text.done")).findFirst().orElseThrow();
        assertThat(textDone.path("text").asText()).isEqualTo("You said: hi");
    }

    @Test
    void makes_a_scripted_function_call_and_uses_its_output() {
        var socket = connect();
        socket.await("session.created");
        fake.nextResponseCalls("get_weather", "{\"city\":\"Paris\"}");
        socket.send("{\"type\":\"response.create\"}");
        var types = socket.typesUntil("response.done");
        assertThat(types).containsSubsequence("response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.done");
        var call = socket.seen().stream().map(FakeJson::parse)
                .filter(e -> e.path("type").asText().equals("response.function_call_arguments.done")).findFirst().orElseThrow();
        assertThat(call.path("name").asText()).isEqualTo("get_weather");
        assertThat(call.path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(call.path("call_id").asText()).startsWith("call_");

        socket.send("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"function_call_output\",\"call_id\":\""
                + call.path("call_id").asText() + "\",\"output\":\"{\\\"temp_c\\\":21}\"}}");
        socket.await("conversation.item.done");
        socket.send("{\"type\":\"response.create\"}");
        var transcript = socket.await("response.output_audio_transcript.done");
        assertThat(transcript.path("transcript").asText()).isEqualTo("The tool answered: {\"temp_c\":21}");
    }

    @Test
    void sends_the_documented_error_events() {
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"event_id\":\"evt_c_1\",\"audio\":\"AAAA\"}");
        var missingType = socket.await("error").path("error");
        assertThat(missingType.path("code").asText()).isEqualTo("invalid_event");
        assertThat(missingType.path("event_id").asText()).isEqualTo("evt_c_1");

        socket.send("{\"type\":\"session.update\",\"session\":{\"instructions\":\"x\"}}");
        var missing = socket.await("error").path("error");
        assertThat(missing.path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(missing.path("param").asText()).isEqualTo("session.type");

        socket.send("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"modalities\":[\"text\"]}}");
        assertThat(socket.await("error").path("error").path("code").asText()).isEqualTo("unknown_parameter");

        socket.send("{\"type\":\"input_audio_buffer.commit\"}");
        assertThat(socket.await("error").path("error").path("code").asText()).isEqualTo("input_audio_buffer_commit_empty");

        socket.send("{\"type\":\"response.cancel\"}");
        assertThat(socket.await("error").path("error").path("code").asText()).isEqualTo("response_cancel_not_active");

        fake.holdResponses();
        socket.send("{\"type\":\"response.create\"}");
        socket.await("response.created");
        socket.send("{\"type\":\"response.create\"}");
        assertThat(socket.await("error").path("error").path("code").asText()).isEqualTo("conversation_already_has_active_response");
        socket.send("{\"type\":\"response.cancel\"}");
        var cancelled = socket.await("response.done").path("response");
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("status_details").path("reason").asText()).isEqualTo("client_cancelled");
    }

    @Test
    void barge_in_cancels_the_active_response_with_turn_detected() {
        var socket = connect();
        socket.await("session.created");
        fake.holdResponses();
        socket.send("{\"type\":\"response.create\"}");
        socket.await("response.created");
        socket.send(audio(true, 20));
        socket.await("input_audio_buffer.speech_started");
        var done = socket.await("response.done").path("response");
        assertThat(done.path("status_details").path("reason").asText()).isEqualTo("turn_detected");
    }

    @Test
    void paces_audio_deltas_of_the_requested_size() {
        fake.audioDeltas(5, 960).paceAudio(Duration.ofMillis(20)).replyWith("ok");
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"type\":\"response.create\"}");
        socket.typesUntil("response.done");
        var deltas = socket.seen().stream().map(FakeJson::parse)
                .filter(e -> e.path("type").asText().equals("response.output_audio.delta")).toList();
        assertThat(deltas).hasSize(5).allSatisfy(d -> assertThat(d.path("delta").asText()).hasSize(1280));
    }

    @Test
    void echoes_appended_audio_with_the_client_event_id() {
        fake.echoAudio(true);
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"event_id\":\"t_123\",\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}");
        var echo = socket.await("response.output_audio.delta");
        assertThat(echo.path("event_id").asText()).isEqualTo("t_123");
        assertThat(echo.path("delta").asText()).isEqualTo("AAAA");
    }

    @Test
    void stamps_echoes_with_the_time_it_answered() {
        fake.echoAudio(true).stampEchoes(true);
        var socket = connect();
        socket.await("session.created");
        long before = System.nanoTime();
        socket.send("{\"event_id\":\"t_7\",\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA\"}");
        var echo = socket.await("response.output_audio.delta");
        var eventId = echo.path("event_id").asText();
        assertThat(eventId).startsWith("t_7.");
        assertThat(Long.parseLong(eventId.substring(4))).isGreaterThanOrEqualTo(before);
        assertThat(echo.path("delta").asText()).isEqualTo("AAAA");
        socket.send("{\"type\":\"input_audio_buffer.append\",\"event_id\":\"t_8\",\"audio\":\"BBBB\"}");
        var spliced = socket.await("response.output_audio.delta");
        assertThat(spliced.path("event_id").asText()).startsWith("t_8.");
        assertThat(spliced.path("delta").asText()).isEqualTo("BBBB");
        assertThat(spliced.path("response_id").asText()).isEqualTo("resp_echo");
    }

    @Test
    void closes_with_1001_at_the_shortened_session_cap() {
        fake.maxSessionDuration(Duration.ofMillis(300));
        var socket = connect();
        socket.await("session.created");
        var closed = socket.awaitClose();
        assertThat(closed.code()).isEqualTo(1001);
        assertThat(closed.reason()).startsWith("Your session hit the maximum duration of");
    }

    @Test
    void drops_the_socket_without_a_close_frame_on_demand() {
        var socket = connect();
        socket.await("session.created");
        fake.dropConnections();
        var closed = socket.awaitClose();
        assertThat(closed.code()).isEqualTo(1006);
    }

    @Test
    void records_frames_from_clients() {
        var socket = connect();
        socket.await("session.created");
        socket.send("{\"type\":\"input_audio_buffer.clear\"}");
        assertThat(fake.awaitClientEvent("input_audio_buffer.clear", JdkRealtimeClient.WAIT)).isPresent();
        assertThat(fake.framesFromClients()).extracting(RecordedFrame::text).containsExactly("{\"type\":\"input_audio_buffer.clear\"}");
    }

    @Test
    void a_failure_on_demand_refuses_the_next_upgrade() {
        fake.failNextRequest(500);
        assertThatThrownBy(this::connect).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                e -> assertThat(e.getResponse().statusCode()).isEqualTo(500));
        assertThat(connect().next().path("type").asText()).isEqualTo("session.created");
    }
}
