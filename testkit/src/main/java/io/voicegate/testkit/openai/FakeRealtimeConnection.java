package io.voicegate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One realtime WebSocket of the fake: the session state, the input audio buffer with simulated server VAD, and at
 * most one active response. Every method runs under the connection's lock, so events leave in a consistent order.
 */
final class FakeRealtimeConnection {

    private static final String APPEND = "{\"type\":\"input_audio_buffer.append\"";
    private static final String EVENT_ID = "\"event_id\":\"";
    private static final String AUDIO = "\"audio\":\"";

    private final FakeOpenAi fake;
    private final String id;
    private final WsContext ctx;
    private final String conversationId = FakeJson.id("conv_");
    private ObjectNode session;
    private String callId;
    private boolean open = true;
    private ScheduledFuture<?> cap;

    private int bytesPerMs = 48;
    private long appendedMs;
    private long bufferedBytes;
    private boolean speaking;
    private long silenceMs;
    private String speechItemId;
    private String previousItemId;
    private String lastInput;
    private FakeResponse active;

    FakeRealtimeConnection(FakeOpenAi fake, String id, WsContext ctx) {
        this.fake = fake;
        this.id = id;
        this.ctx = ctx;
    }

    String id() {
        return id;
    }

    synchronized String callId() {
        return callId;
    }

    synchronized void open(boolean valid, boolean beta, String credential, String model, String callId, String intent) {
        if (beta) {
            error("invalid_request_error", "beta_api_shape_disabled",
                    "The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.", null, null);
            close(4000, "invalid_request_error.beta_api_shape_disabled");
            return;
        }
        if (!valid) {
            error("invalid_request_error", "invalid_api_key", credential == null
                    ? "Missing bearer or basic authentication in header" : "Incorrect API key provided.", null, null);
            close(3000, "invalid_request_error.invalid_api_key");
            return;
        }
        this.callId = callId;
        long expiresAt = System.currentTimeMillis() / 1000 + fake.maxSessionDuration.toSeconds();
        boolean transcription = "transcription".equals(intent);
        session = FakeSessions.defaults(model == null ? "gpt-realtime" : model, transcription, expiresAt);
        ObjectNode preset = callId != null ? fake.calls.get(callId).session()
                : credential == null ? null : fake.clientSecrets.get(credential);
        if (preset != null) {
            var copy = preset.deepCopy();
            copy.remove(List.of("id", "object", "expires_at"));
            FakeJson.deepMerge(session, copy);
        }
        bytesPerMs = FakeSessions.inputBytesPerMs(session);
        var created = FakeResponse.event("session.created");
        created.set("session", session.deepCopy());
        send(created);
        var limit = fake.maxSessionDuration;
        cap = fake.timers.schedule(() -> close(1001, "Your session hit the maximum duration of " + describe(limit) + "."),
                limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void receive(String text) {
        fake.recordFrame(id, RecordedFrame.Direction.FROM_CLIENT, text);
        if (fake.echoAudio && fake.stampEchoes && text.startsWith(APPEND) && stampedEcho(text)) return;
        var event = FakeJson.parse(text);
        if (event == null || !event.isObject()) {
            error("invalid_request_error", "invalid_json", "We could not parse the JSON body of your event.", null, null);
            return;
        }
        var clientEventId = event.path("event_id").isTextual() ? event.get("event_id").asText() : null;
        var type = event.path("type");
        if (!type.isTextual()) {
            error("invalid_request_error", "invalid_event", "The 'type' field is missing.", null, clientEventId);
            return;
        }
        switch (type.asText()) {
            case "session.update" -> sessionUpdate(event, clientEventId);
            case "input_audio_buffer.append" -> append(event, clientEventId);
            case "input_audio_buffer.commit" -> manualCommit(clientEventId);
            case "input_audio_buffer.clear" -> {
                bufferedBytes = 0;
                speaking = false;
                send(FakeResponse.event("input_audio_buffer.cleared"));
            }
            case "conversation.item.create" -> createItem(event, clientEventId);
            case "conversation.item.truncate" -> send(FakeResponse.event("conversation.item.truncated")
                    .put("item_id", event.path("item_id").asText()).put("content_index", event.path("content_index").asInt())
                    .put("audio_end_ms", event.path("audio_end_ms").asInt()));
            case "conversation.item.delete" -> send(FakeResponse.event("conversation.item.deleted").put("item_id", event.path("item_id").asText()));
            case "conversation.item.retrieve" -> {
                var retrieved = FakeResponse.event("conversation.item.retrieved");
                retrieved.putObject("item").put("id", event.path("item_id").asText()).put("type", "message").put("status", "completed");
                send(retrieved);
            }
            case "response.create" -> {
                if (active != null) {
                    error("invalid_request_error", "conversation_already_has_active_response",
                            "Conversation already has an active response in progress: " + active.id
                                    + ". Wait until the response is finished before creating a new one.", null, clientEventId);
                } else {
                    startResponse(event.path("response"));
                }
            }
            case "response.cancel" -> {
                if (active == null) {
                    error("invalid_request_error", "response_cancel_not_active", "Cancellation failed: no active response found", null, clientEventId);
                } else {
                    cancel("client_cancelled");
                }
            }
            case "output_audio_buffer.clear" -> send(FakeResponse.event("output_audio_buffer.cleared"));
            default -> error("invalid_request_error", "invalid_value", "Invalid value: '" + type.asText()
                    + "'. Supported values are client event types of the Realtime API.", "type", clientEventId);
        }
    }

    private void sessionUpdate(JsonNode event, String clientEventId) {
        var update = event.get("session");
        var problem = FakeSessions.validate(update, "session");
        if (problem.isPresent()) {
            error("invalid_request_error", problem.get().code(), problem.get().message(), problem.get().param(), clientEventId);
            return;
        }
        var patch = ((ObjectNode) update).deepCopy();
        patch.remove(List.of("model", "id", "object", "expires_at"));
        FakeJson.deepMerge(session, patch);
        bytesPerMs = FakeSessions.inputBytesPerMs(session);
        var updated = FakeResponse.event("session.updated");
        updated.set("session", session.deepCopy());
        send(updated);
    }

    private void append(JsonNode event, String clientEventId) {
        var audio = event.path("audio");
        if (!audio.isTextual()) {
            error("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'audio'.", "audio", clientEventId);
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(audio.asText());
        } catch (IllegalArgumentException e) {
            error("invalid_request_error", "invalid_value", "Invalid 'audio': not valid base64.", "audio", clientEventId);
            return;
        }
        if (fake.echoAudio) {
            var echo = FakeJson.object();
            echo.put("type", "response.output_audio.delta");
            var eventId = clientEventId == null ? FakeJson.id("event_") : clientEventId;
            echo.put("event_id", fake.stampEchoes ? eventId + "." + System.nanoTime() : eventId);
            echo.put("response_id", "resp_echo").put("item_id", "item_echo").put("output_index", 0).put("content_index", 0);
            echo.put("delta", audio.asText());
            send(echo);
            return;
        }
        long frameMs = bytes.length / bytesPerMs;
        bufferedBytes += bytes.length;
        var vad = session.path("audio").path("input").path("turn_detection");
        if (vad.isObject()) detectSpeech(vad, bytes, frameMs);
        appendedMs += frameMs;
    }

    /**
     * The benchmark's echo without parsing: the client's {@code event_id} and audio are spliced into the same delta
     * the parsed path writes (the audio is not validated), so the fake's own cost stays small next to a relay's.
     * False when the frame is not laid out as expected; the parsed path then answers it.
     */
    private boolean stampedEcho(String text) {
        int idStart = text.indexOf(EVENT_ID);
        int idEnd = idStart < 0 ? -1 : text.indexOf('"', idStart + EVENT_ID.length());
        int audioStart = text.indexOf(AUDIO);
        int audioEnd = audioStart < 0 ? -1 : text.indexOf('"', audioStart + AUDIO.length());
        if (idEnd < 0 || audioEnd < 0) return false;
        if (!open) return true;
        var echo = new StringBuilder(audioEnd - audioStart + 200)
                .append("{\"type\":\"response.output_audio.delta\",\"event_id\":\"")
                .append(text, idStart + EVENT_ID.length(), idEnd).append('.').append(System.nanoTime())
                .append("\",\"response_id\":\"resp_echo\",\"item_id\":\"item_echo\",\"output_index\":0,\"content_index\":0,\"delta\":\"")
                .append(text, audioStart + AUDIO.length(), audioEnd).append("\"}").toString();
        fake.recordFrame(id, RecordedFrame.Direction.TO_CLIENT, echo);
        ctx.send(echo);
        return true;
    }

    private void detectSpeech(JsonNode vad, byte[] bytes, long frameMs) {
        boolean voiced = isVoiced(bytes);
        if (!speaking && voiced) {
            speaking = true;
            silenceMs = 0;
            speechItemId = FakeJson.id("item_");
            long start = Math.max(0, appendedMs - vad.path("prefix_padding_ms").asLong(300));
            send(FakeResponse.event("input_audio_buffer.speech_started").put("audio_start_ms", start).put("item_id", speechItemId));
            if (active != null && vad.path("interrupt_response").asBoolean(true)) cancel("turn_detected");
        } else if (speaking && voiced) {
            silenceMs = 0;
        } else if (speaking) {
            silenceMs += frameMs;
            long needed = vad.path("type").asText().equals("semantic_vad") ? 500 : vad.path("silence_duration_ms").asLong(200);
            if (silenceMs >= needed) {
                speaking = false;
                send(FakeResponse.event("input_audio_buffer.speech_stopped").put("audio_end_ms", appendedMs + frameMs).put("item_id", speechItemId));
                commit(speechItemId, fake.userTranscript);
                if (vad.path("create_response").asBoolean(true) && active == null) startResponse(FakeJson.object());
            }
        }
    }

    private boolean isVoiced(byte[] bytes) {
        if (bytesPerMs == 48) {
            for (int i = 0; i + 1 < bytes.length; i += 2) {
                int sample = (short) ((bytes[i] & 0xff) | (bytes[i + 1] << 8));
                if (Math.abs(sample) > 1000) return true;
            }
            return false;
        }
        var format = session.path("audio").path("input").path("format").path("type").asText();
        int loud = 0;
        for (byte b : bytes) {
            int v = b & 0xff;
            boolean silent = format.equals("audio/pcma") ? (v == 0xd5 || v == 0x55) : (v == 0xff || v == 0x7f);
            if (!silent) loud++;
        }
        return loud > bytes.length / 4;
    }

    private void manualCommit(String clientEventId) {
        double ms = bufferedBytes / (double) bytesPerMs;
        if (ms < 100) {
            error("invalid_request_error", "input_audio_buffer_commit_empty", String.format(java.util.Locale.ROOT,
                    "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has %.2fms of audio.", ms),
                    null, clientEventId);
            return;
        }
        commit(speaking ? speechItemId : FakeJson.id("item_"), fake.userTranscript);
        speaking = false;
    }

    /** Commits the buffered audio as a user item, with its transcription when the session asks for one. */
    private void commit(String itemId, String transcript) {
        bufferedBytes = 0;
        send(FakeResponse.event("input_audio_buffer.committed").put("previous_item_id", previousItemId).put("item_id", itemId));
        var item = FakeJson.object();
        item.put("id", itemId).put("type", "message").put("status", "completed").put("role", "user");
        item.putArray("content").addObject().put("type", "input_audio").putNull("transcript");
        for (var type : List.of("conversation.item.added", "conversation.item.done")) {
            var event = FakeResponse.event(type).put("previous_item_id", previousItemId);
            event.set("item", item.deepCopy());
            send(event);
        }
        previousItemId = itemId;
        lastInput = "I heard: " + transcript;
        if (session.path("audio").path("input").path("transcription").isObject()) {
            for (var word : FakeOpenAiRest.words(transcript)) {
                send(FakeResponse.event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
                        .put("content_index", 0).put("delta", word));
            }
            var completed = FakeResponse.event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
                    .put("content_index", 0).put("transcript", transcript);
            int words = FakeOpenAiRest.words(transcript).size();
            var usage = completed.putObject("usage");
            usage.put("type", "tokens").put("total_tokens", 13 + words).put("input_tokens", 13);
            usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", 13);
            usage.put("output_tokens", words);
            send(completed);
        }
    }

    private void createItem(JsonNode event, String clientEventId) {
        var item = event.get("item");
        if (item == null || !item.isObject()) {
            error("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'item'.", "item", clientEventId);
            return;
        }
        var stored = ((ObjectNode) item).deepCopy();
        if (!stored.hasNonNull("id")) stored.put("id", FakeJson.id("item_"));
        if (!stored.has("status")) stored.put("status", "completed");
        var type = stored.path("type").asText();
        if (type.equals("function_call_output")) {
            lastInput = "The tool answered: " + stored.path("output").asText();
        } else if (type.equals("message")) {
            var text = new StringBuilder();
            stored.path("content").forEach(part -> text.append(part.path("text").asText("")));
            lastInput = "You said: " + text;
        }
        for (var name : List.of("conversation.item.added", "conversation.item.done")) {
            var out = FakeResponse.event(name).put("previous_item_id", previousItemId);
            out.set("item", stored.deepCopy());
            send(out);
        }
        previousItemId = stored.get("id").asText();
    }

    private void startResponse(JsonNode options) {
        var reply = fake.replyText != null ? fake.replyText : lastInput != null ? lastInput : "Hello from the simulated assistant.";
        var response = new FakeResponse(session, options, conversationId, previousItemId, reply, fake.scriptedCalls.poll(),
                fake.audioDeltaCount, fake.audioDeltaBytes, callId != null);
        if (!"none".equals(options.path("conversation").asText("auto"))) previousItemId = response.itemId;
        active = response;
        pump(response);
    }

    /** Emits the response's events until it ends, is held, or waits for the next paced audio frame. */
    private void pump(FakeResponse response) {
        while (open && active == response && !response.isEmpty()) {
            if (fake.holdResponses && response.createdSent) return;
            var step = response.poll();
            send(step.event());
            response.createdSent = true;
            if (response.isEmpty()) {
                active = null;
                return;
            }
            var pace = fake.audioPace;
            if (step.paced() && !pace.isZero()) {
                fake.timers.schedule(() -> resumePaced(response), pace.toNanos(), TimeUnit.NANOSECONDS);
                return;
            }
        }
    }

    private synchronized void resumePaced(FakeResponse response) {
        pump(response);
    }

    synchronized void resume() {
        if (active != null) pump(active);
    }

    private void cancel(String reason) {
        var response = active;
        active = null;
        for (var event : response.cancel(reason)) send(event);
    }

    /** The caller spoke on the WebRTC call this sideband watches. */
    synchronized void simulateUserSpeech(String transcript) {
        var itemId = FakeJson.id("item_");
        send(FakeResponse.event("input_audio_buffer.speech_started").put("audio_start_ms", appendedMs).put("item_id", itemId));
        appendedMs += 1000;
        send(FakeResponse.event("input_audio_buffer.speech_stopped").put("audio_end_ms", appendedMs).put("item_id", itemId));
        bufferedBytes = 0;
        commit(itemId, transcript);
        if (active == null) startResponse(FakeJson.object());
    }

    private void error(String type, String code, String message, String param, String clientEventId) {
        var event = FakeResponse.event("error");
        var error = event.putObject("error");
        error.put("type", type).put("code", code).put("message", message).put("param", param).put("event_id", clientEventId);
        send(event);
    }

    private void send(ObjectNode event) {
        if (!open) return;
        var text = FakeJson.write(event);
        fake.recordFrame(id, RecordedFrame.Direction.TO_CLIENT, text);
        ctx.send(text);
    }

    synchronized void close(int code, String reason) {
        if (!open) return;
        open = false;
        if (cap != null) cap.cancel(false);
        ctx.closeSession(code, reason);
    }

    /** Cuts the TCP connection without a close frame. */
    synchronized void drop() {
        open = false;
        if (cap != null) cap.cancel(false);
        fake.cutConnection(ctx.session.getRemoteSocketAddress());
        ctx.session.disconnect();
    }

    synchronized void closed() {
        open = false;
        if (cap != null) cap.cancel(false);
    }

    private static String describe(Duration limit) {
        long seconds = limit.toSeconds();
        if (seconds > 0 && seconds % 60 == 0) return (seconds / 60) + " minutes";
        return Math.max(1, (limit.toMillis() + 999) / 1000) + " seconds";
    }
}
