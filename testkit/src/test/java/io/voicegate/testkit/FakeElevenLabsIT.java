package io.voicegate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeElevenLabsIT {

    private static final String KEY = "xi-test-key";
    private static final String INITIATION = "{\"type\":\"conversation_initiation_client_data\",\"dynamic_variables\":{\"voicegate_session_ref\":\"r\"}}";
    private static final String CHUNK = "{\"user_audio_chunk\":\"AAAA\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FakeElevenLabs fake = FakeElevenLabs.start(KEY);

    @AfterEach
    void stop() {
        fake.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String key) throws Exception {
        var request = HttpRequest.newBuilder(fake.baseUrl().resolve(pathAndQuery)).GET();
        if (key != null) request.header("xi-api-key", key);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI signedUrl() throws Exception {
        var response = get("/v1/convai/conversation/get-signed-url?agent_id=agent_1", KEY);
        assertThat(response.statusCode()).isEqualTo(200);
        return URI.create(json.readTree(response.body()).get("signed_url").asText());
    }

    private JsonNode frame(WsProbe probe) throws Exception {
        return json.readTree(probe.next());
    }

    @Test
    void rest_endpoints_refuse_a_missing_or_wrong_key() throws Exception {
        assertThat(get("/v1/convai/conversation/get-signed-url?agent_id=agent_1", null).statusCode()).isEqualTo(401);
        assertThat(get("/v1/convai/conversation/token?agent_id=agent_1", "wrong").statusCode()).isEqualTo(401);
        assertThat(fake.requests()).extracting(FakeElevenLabs.RecordedRequest::authorised).containsExactly(false, false);
        assertThat(fake.requests().toString()).doesNotContain("wrong");
    }

    @Test
    void signed_url_points_at_the_fake_and_token_carries_a_conversation_id() throws Exception {
        var url = signedUrl();
        assertThat(url.toString()).startsWith("ws://127.0.0.1:" + fake.baseUrl().getPort()
                + "/v1/convai/conversation?agent_id=agent_1&conversation_signature=");
        var token = json.readTree(get("/v1/convai/conversation/token?agent_id=agent_1", KEY).body());
        assertThat(token.get("token").asText()).isNotBlank();
        assertThat(token.get("conversation_id").asText()).startsWith("conv_");
        assertThat(get("/v1/convai/conversation/token", KEY).statusCode()).isEqualTo(422);
    }

    @Test
    void scripted_failures_answer_the_configured_status() throws Exception {
        fake.failRestCallsWith(503);
        assertThat(get("/v1/convai/conversation/token?agent_id=agent_1", KEY).statusCode()).isEqualTo(503);
    }

    @Test
    void a_conversation_runs_handshake_transcript_audio_tool_call_ping_and_close() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults().withToolCall("get_context", "{\"why\":\"greet\"}"));
        var probe = WsProbe.open(http, signedUrl());
        probe.send(INITIATION);
        var metadata = frame(probe);
        assertThat(metadata.get("type").asText()).isEqualTo("conversation_initiation_metadata");
        var conversationId = metadata.at("/conversation_initiation_metadata_event/conversation_id").asText();
        assertThat(metadata.at("/conversation_initiation_metadata_event/user_input_audio_format").asText()).isEqualTo("pcm_16000");

        for (int i = 0; i < 3; i++) probe.send(CHUNK);
        var transcript = frame(probe);
        assertThat(transcript.at("/user_transcription_event/user_transcript").asText()).isEqualTo("hello");
        var response = frame(probe);
        assertThat(response.at("/agent_response_event/agent_response").asText()).isEqualTo("Hi, how can I help?");
        int turn = response.at("/agent_response_event/event_id").asInt();
        assertThat(turn).isGreaterThan(transcript.at("/user_transcription_event/event_id").asInt());
        assertThat(frame(probe).at("/audio_event/event_id").asInt()).isEqualTo(turn);
        assertThat(frame(probe).get("type").asText()).isEqualTo("audio");
        var toolCall = frame(probe);
        assertThat(toolCall.at("/client_tool_call/tool_name").asText()).isEqualTo("get_context");
        assertThat(toolCall.at("/client_tool_call/parameters/why").asText()).isEqualTo("greet");
        var callId = toolCall.at("/client_tool_call/tool_call_id").asText();
        probe.send("{\"type\":\"client_tool_result\",\"tool_call_id\":\"" + callId + "\",\"result\":\"{\\\"ok\\\":true}\",\"is_error\":false}");

        var conversation = fake.conversation(conversationId).orElseThrow();
        assertThat(conversation.sendInterruption()).isGreaterThanOrEqualTo(turn);
        assertThat(frame(probe).at("/interruption_event/event_id").asInt()).isGreaterThanOrEqualTo(turn);
        int pingId = conversation.sendPing();
        var ping = frame(probe);
        assertThat(ping.at("/ping_event/event_id").asInt()).isEqualTo(pingId);
        probe.send("{\"type\":\"pong\",\"event_id\":" + pingId + "}");
        probe.send("{\"type\":\"user_message\",\"text\":\"thanks\"}");
        assertThat(frame(probe).get("type").asText()).isEqualTo("agent_response"); // frames before it were handled
        conversation.end(1000, "agent ended the call");
        assertThat(probe.closeCode()).isEqualTo(1000);

        assertThat(conversation.initiationData()).contains(INITIATION);
        assertThat(conversation.audioChunksReceived()).isEqualTo(3);
        assertThat(conversation.toolResults()).containsExactly(
                new FakeElevenLabsConversation.ToolResultSeen(callId, "{\"ok\":true}", false));
        assertThat(conversation.pongs()).containsExactly(pingId);
    }

    @Test
    void records_every_frame_it_sent_exactly_as_written() throws Exception {
        var probe = WsProbe.open(http, signedUrl());
        probe.send(INITIATION);
        var metadata = probe.next();
        for (int i = 0; i < 3; i++) probe.send(CHUNK);
        var received = new java.util.ArrayList<String>(java.util.List.of(metadata));
        for (int i = 0; i < 4; i++) received.add(probe.next()); // transcript, response, two audio chunks
        var conversationId = json.readTree(metadata).at("/conversation_initiation_metadata_event/conversation_id").asText();
        assertThat(fake.conversation(conversationId).orElseThrow().sent()).containsExactlyElementsOf(received);
    }

    @Test
    void a_signature_opens_one_conversation_only() throws Exception {
        var url = signedUrl();
        WsProbe.open(http, url).close();
        assertThatThrownBy(() -> WsProbe.open(http, url)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        var unsigned = URI.create(url.toString().replaceAll("conversation_signature=.*", "conversation_signature=forged"));
        assertThatThrownBy(() -> WsProbe.open(http, unsigned)).hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void a_signature_expires_fifteen_minutes_after_minting() throws Exception {
        var clock = MutableClock.at("2026-01-01T00:00:00Z");
        try (var timed = FakeElevenLabs.start(KEY, clock)) {
            var response = http.send(HttpRequest.newBuilder(timed.baseUrl()
                    .resolve("/v1/convai/conversation/get-signed-url?agent_id=agent_1")).header("xi-api-key", KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            var url = URI.create(json.readTree(response.body()).get("signed_url").asText());
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            assertThatThrownBy(() -> WsProbe.open(http, url)).hasCauseInstanceOf(WebSocketHandshakeException.class);
        }
    }

    @Test
    void anything_before_the_initiation_data_is_a_contract_error() throws Exception {
        var probe = WsProbe.open(http, signedUrl());
        probe.send(CHUNK);
        var error = frame(probe);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error_event/error_type").asText()).isEqualTo("invalid_message");
        assertThat(probe.closeCode()).isEqualTo(1008);
    }

    @Test
    void a_missing_required_dynamic_variable_closes_1008() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults().requiringDynamicVariables("user_name"));
        var probe = WsProbe.open(http, signedUrl());
        probe.send(INITIATION);
        assertThat(frame(probe).at("/error_event/error_type").asText()).isEqualTo("missing_dynamic_variable");
        assertThat(probe.closeCode()).isEqualTo(1008);
    }

    @Test
    void an_unanswered_ping_closes_1002() throws Exception {
        fake.script(FakeElevenLabsConversation.Script.defaults().withPingsEvery(Duration.ofMillis(50)));
        var probe = WsProbe.open(http, signedUrl());
        probe.send(INITIATION);
        assertThat(frame(probe).get("type").asText()).isEqualTo("conversation_initiation_metadata");
        assertThat(frame(probe).get("type").asText()).isEqualTo("ping");
        assertThat(frame(probe).at("/error_event/error_type").asText()).isEqualTo("transport_receive_timeout");
        assertThat(probe.closeCode()).isEqualTo(1002);
    }
}
