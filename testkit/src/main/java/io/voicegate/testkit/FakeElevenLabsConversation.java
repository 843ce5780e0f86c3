package io.voicegate.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One conversation on {@link FakeElevenLabs}'s WebSocket, scripted and recorded: the client must open with
 * {@code conversation_initiation_client_data}; every {@link Script#chunksPerTurn()} audio chunks produce a
 * {@code user_transcript}, an {@code agent_response} and audio; a scripted {@code client_tool_call} follows the first
 * agent response and expects a {@code client_tool_result} with its id; pings expect pongs. Contract errors send an
 * {@code error} event and close 1008, a missed pong closes 1002, as the real service does. Thread-safe.
 */
public final class FakeElevenLabsConversation {

    /**
     * What the fake agent does.
     *
     * @param pingEvery {@link Duration#ZERO} for no automatic pings ({@link #sendPing()} still works)
     */
    public record Script(int chunksPerTurn, String userSays, String agentSays, int audioChunksPerResponse,
                         Optional<FakeElevenLabs.ScriptedToolCall> toolCall, Duration pingEvery,
                         List<String> requiredDynamicVariables, String audioFormat) {

        public Script {
            if (chunksPerTurn < 1) throw new IllegalArgumentException("chunksPerTurn must be >= 1");
            Objects.requireNonNull(userSays, "userSays");
            Objects.requireNonNull(agentSays, "agentSays");
            Objects.requireNonNull(toolCall, "toolCall");
            Objects.requireNonNull(pingEvery, "pingEvery");
            requiredDynamicVariables = List.copyOf(requiredDynamicVariables);
            Objects.requireNonNull(audioFormat, "audioFormat");
        }

        /** Three chunks per turn, "hello" / "Hi, how can I help?", two audio chunks, no tool call, no pings. */
        public static Script defaults() {
            return new Script(3, "hello", "Hi, how can I help?", 2, Optional.empty(), Duration.ZERO, List.of(),
                    "pcm_16000");
        }

        public Script withToolCall(String toolName, String parametersJson) {
            return new Script(chunksPerTurn, userSays, agentSays, audioChunksPerResponse,
                    Optional.of(new FakeElevenLabs.ScriptedToolCall(toolName, parametersJson)), pingEvery,
                    requiredDynamicVariables, audioFormat);
        }

        public Script withPingsEvery(Duration every) {
            return new Script(chunksPerTurn, userSays, agentSays, audioChunksPerResponse, toolCall, every,
                    requiredDynamicVariables, audioFormat);
        }

        public Script requiringDynamicVariables(String... names) {
            return new Script(chunksPerTurn, userSays, agentSays, audioChunksPerResponse, toolCall, pingEvery,
                    List.of(names), audioFormat);
        }

        public Script saying(String user, String agent) {
            return new Script(chunksPerTurn, user, agent, audioChunksPerResponse, toolCall, pingEvery,
                    requiredDynamicVariables, audioFormat);
        }
    }

    /** A {@code client_tool_result} as the client sent it. */
    public record ToolResultSeen(String toolCallId, String result, boolean isError) {
    }

    private static final String SILENCE = Base64.getEncoder().encodeToString(new byte[320]);

    private final String conversationId;
    private final String agentId;
    private final Script script;
    private final WsContext socket;
    private final ObjectMapper json;
    private final ScheduledExecutorService timers;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<Integer> pongs = new CopyOnWriteArrayList<>();
    private final List<ToolResultSeen> toolResults = new CopyOnWriteArrayList<>();
    private final Set<Integer> unansweredPings = ConcurrentHashMap.newKeySet();
    private final Set<String> openToolCalls = ConcurrentHashMap.newKeySet();
    private volatile String initiationData;
    private volatile Integer closeCode;
    private int eventId;
    private int pingId;
    private int audioChunks;
    private int toolCalls;
    private ScheduledFuture<?> pinger;

    FakeElevenLabsConversation(String conversationId, String agentId, Script script, WsContext socket,
                               ObjectMapper json, ScheduledExecutorService timers) {
        this.conversationId = conversationId;
        this.agentId = agentId;
        this.script = script;
        this.socket = socket;
        this.json = json;
        this.timers = timers;
    }

    public String conversationId() {
        return conversationId;
    }

    public String agentId() {
        return agentId;
    }

    /** The {@code conversation_initiation_client_data} frame the client opened with, as sent. */
    public Optional<String> initiationData() {
        return Optional.ofNullable(initiationData);
    }

    /** Every text frame the client sent, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Every text frame the fake sent to the client, in order, exactly as written. */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    public List<Integer> pongs() {
        return List.copyOf(pongs);
    }

    public List<ToolResultSeen> toolResults() {
        return List.copyOf(toolResults);
    }

    public synchronized int audioChunksReceived() {
        return audioChunks;
    }

    /** The close code, once either side closed. */
    public Optional<Integer> closeCode() {
        return Optional.ofNullable(closeCode);
    }

    /** Sends a ping now; returns its event id. */
    public synchronized int sendPing() {
        int id = ++pingId;
        unansweredPings.add(id);
        var ping = json.createObjectNode().put("type", "ping");
        ping.putObject("ping_event").put("event_id", id).putNull("ping_ms");
        send(ping);
        return id;
    }

    /** Sends a {@code client_tool_call} now; returns its {@code tool_call_id}. */
    public synchronized String sendToolCall(String toolName, String parametersJson) {
        var id = "toolu_fake" + (++toolCalls);
        openToolCalls.add(id);
        var call = json.createObjectNode().put("type", "client_tool_call");
        var body = call.putObject("client_tool_call").put("tool_name", toolName).put("tool_call_id", id);
        body.set("parameters", parse(parametersJson).orElseGet(json::createObjectNode));
        body.put("event_id", ++eventId);
        send(call);
        return id;
    }

    /**
     * The user barged in: sends {@code interruption} with the current agent turn's event id; audio of that turn is
     * never sent after it (a client drops audio whose event id is not newer). Returns the event id.
     */
    public synchronized int sendInterruption() {
        var interruption = json.createObjectNode().put("type", "interruption");
        interruption.putObject("interruption_event").put("event_id", eventId);
        send(interruption);
        return eventId;
    }

    /** The agent ends the call (1000) or the service fails it (1002, 1008, 1011). */
    public synchronized void end(int code, String reason) {
        stopPinging();
        if (closeCode == null) closeCode = code;
        try {
            socket.closeSession(code, reason);
        } catch (RuntimeException alreadyClosed) {
            // The client went first.
        }
    }

    synchronized void receive(String text) {
        if (closeCode != null) return;
        received.add(text);
        var frame = parse(text).filter(JsonNode::isObject).orElse(null);
        if (frame == null) {
            fail(1008, "invalid_message", "Message is not a JSON object");
            return;
        }
        var type = frame.path("type").asText("");
        if (initiationData == null) {
            initiate(frame, type, text);
            return;
        }
        if (frame.has("user_audio_chunk")) {
            audioChunks++;
            if (audioChunks % script.chunksPerTurn() == 0) respond(Optional.of(script.userSays()));
            return;
        }
        switch (type) {
            case "pong" -> {
                int id = frame.path("event_id").asInt(-1);
                unansweredPings.remove(id);
                pongs.add(id);
            }
            case "client_tool_result" -> {
                var id = frame.path("tool_call_id").asText("");
                if (!openToolCalls.remove(id)) {
                    fail(1008, "invalid_message", "Unknown tool_call_id");
                    return;
                }
                toolResults.add(new ToolResultSeen(id, frame.path("result").asText(""), frame.path("is_error").asBoolean(false)));
            }
            case "user_message" -> respond(Optional.empty());
            default -> {
                // contextual_update, user_activity, feedback and unknown types: accepted, nothing to answer.
            }
        }
    }

    synchronized void closedBy(int code, String reason) {
        stopPinging();
        if (closeCode == null) closeCode = code;
    }

    private void initiate(JsonNode frame, String type, String text) {
        if (!"conversation_initiation_client_data".equals(type)) {
            fail(1008, "invalid_message", "The first message must be conversation_initiation_client_data");
            return;
        }
        var variables = frame.path("dynamic_variables");
        for (var name : script.requiredDynamicVariables()) {
            if (!variables.has(name)) {
                fail(1008, "missing_dynamic_variable", "Missing required dynamic variable: " + name);
                return;
            }
        }
        initiationData = text;
        var metadata = json.createObjectNode().put("type", "conversation_initiation_metadata");
        metadata.putObject("conversation_initiation_metadata_event")
                .put("conversation_id", conversationId)
                .put("agent_output_audio_format", script.audioFormat())
                .put("user_input_audio_format", script.audioFormat());
        send(metadata);
        if (!script.pingEvery().isZero()) {
            long every = script.pingEvery().toMillis();
            pinger = timers.scheduleAtFixedRate(this::pingOrTimeOut, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void pingOrTimeOut() {
        if (closeCode != null) return;
        if (!unansweredPings.isEmpty()) {
            fail(1002, "transport_receive_timeout", "No pong received in time");
            return;
        }
        sendPing();
    }

    private void respond(Optional<String> heard) {
        if (heard.isPresent()) {
            var transcript = json.createObjectNode().put("type", "user_transcript");
            transcript.putObject("user_transcription_event").put("user_transcript", heard.get()).put("event_id", ++eventId);
            send(transcript);
        }
        int turn = ++eventId;
        var response = json.createObjectNode().put("type", "agent_response");
        response.putObject("agent_response_event").put("agent_response", script.agentSays()).put("event_id", turn);
        send(response);
        for (int i = 0; i < script.audioChunksPerResponse(); i++) {
            var audio = json.createObjectNode().put("type", "audio");
            audio.putObject("audio_event").put("audio_base_64", SILENCE).put("event_id", turn);
            send(audio);
        }
        if (script.toolCall().isPresent() && toolCalls == 0) {
            sendToolCall(script.toolCall().get().toolName(), script.toolCall().get().parametersJson());
        }
    }

    private void fail(int code, String errorType, String message) {
        var error = json.createObjectNode().put("type", "error");
        error.putObject("error_event").put("code", code).put("message", message).put("error_type", errorType)
                .put("reason", message).putNull("debug_message").putNull("details");
        send(error);
        end(code, errorType);
    }

    private void send(ObjectNode frame) {
        try {
            var text = json.writeValueAsString(frame);
            sent.add(text);
            socket.send(text);
        } catch (JsonProcessingException | RuntimeException gone) {
            // The client disconnected; the close handler records it.
        }
    }

    private Optional<JsonNode> parse(String text) {
        try {
            return Optional.ofNullable(json.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private void stopPinging() {
        if (pinger != null) pinger.cancel(false);
    }
}
