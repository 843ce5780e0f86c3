package io.voicegate.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.realtime.EventReader;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayUsage;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads OpenAI Realtime (GA) events for the relay. Every frame's type is found by {@link EventType} without
 * allocating; only the handful of event types that carry a transcript, usage, a function call or an error are
 * parsed, and audio frames never are. Thread-safe.
 */
public final class OpenAiEventReader implements EventReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String model;
    private final String transcriptionModel;

    /** {@code model} labels the usage of responses, {@code transcriptionModel} that of input transcription. */
    public OpenAiEventReader(String model, String transcriptionModel) {
        this.model = Objects.requireNonNull(model, "model");
        this.transcriptionModel = Objects.requireNonNull(transcriptionModel, "transcriptionModel");
    }

    @Override
    public FrameMeaning fromClient(String frame) {
        long type = EventType.locate(frame);
        if (type == EventType.ABSENT || EventType.is(frame, type, "input_audio_buffer.append")) return FrameMeaning.NOTHING;
        if (EventType.is(frame, type, "session.update")) return new FrameMeaning.SessionConfiguration();
        if (EventType.is(frame, type, "response.create") && frame.contains("\"response\"")) return new FrameMeaning.SessionConfiguration();
        return FrameMeaning.NOTHING;
    }

    @Override
    public FrameMeaning fromUpstream(String frame) {
        long type = EventType.locate(frame);
        if (type == EventType.ABSENT) return FrameMeaning.NOTHING;
        if (EventType.is(frame, type, "conversation.item.input_audio_transcription.completed")) {
            return parse(frame, this::transcription);
        }
        if (EventType.is(frame, type, "response.output_audio_transcript.done")) {
            return parse(frame, event -> new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, event.path("transcript").asText(""),
                    event.path("item_id").asText("")));
        }
        if (EventType.is(frame, type, "response.output_text.done")) {
            return parse(frame, event -> new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, event.path("text").asText(""),
                    event.path("item_id").asText("")));
        }
        if (EventType.is(frame, type, "conversation.item.done")) return parse(frame, OpenAiEventReader::typedUserText);
        if (EventType.is(frame, type, "response.function_call_arguments.done")) {
            return parse(frame, event -> new FrameMeaning.ToolCallRequested(event.path("call_id").asText(""),
                    event.path("name").asText(""), event.path("arguments").asText("{}")));
        }
        if (EventType.is(frame, type, "response.done")) {
            return parse(frame, event -> new FrameMeaning.TurnFinished(responseUsage(event.path("response").path("usage"))));
        }
        if (EventType.is(frame, type, "error")) {
            return parse(frame, event -> new FrameMeaning.ProviderError(event.path("error").path("code").asText("unknown"),
                    event.path("error").path("message").asText("")));
        }
        return FrameMeaning.NOTHING;
    }

    private interface Reading {
        FrameMeaning read(JsonNode event);
    }

    private static FrameMeaning parse(String frame, Reading reading) {
        try {
            var event = MAPPER.readTree(frame);
            return event == null || !event.isObject() ? FrameMeaning.NOTHING : reading.read(event);
        } catch (IOException | RuntimeException malformed) {
            return FrameMeaning.NOTHING;
        }
    }

    /** The user's spoken turn, with the transcription's own usage when it reports one. */
    private FrameMeaning transcription(JsonNode event) {
        var turn = new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, event.path("transcript").asText(""),
                event.path("item_id").asText(""));
        var usage = event.path("usage");
        RelayUsage reported = RelayUsage.NONE;
        if ("tokens".equals(usage.path("type").asText())) {
            var in = usage.path("input_token_details");
            long audioIn = in.path("audio_tokens").asLong(0);
            long textIn = in.has("text_tokens") ? in.path("text_tokens").asLong(0) : Math.max(0, usage.path("input_tokens").asLong(0) - audioIn);
            reported = new RelayUsage(textIn, usage.path("output_tokens").asLong(0), audioIn, 0, 0, 0, 0, transcriptionModel);
        } else if ("duration".equals(usage.path("type").asText())) {
            reported = new RelayUsage(0, 0, 0, 0, 0, Math.round(usage.path("seconds").asDouble(0) * 1000), 0, transcriptionModel);
        }
        return reported.isEmpty() ? turn : new FrameMeaning.Several(List.of(turn, new FrameMeaning.UsageReported(reported)));
    }

    /** A user message typed as text (audio turns are reported by their transcription instead). */
    private static FrameMeaning typedUserText(JsonNode event) {
        var item = event.path("item");
        if (!"message".equals(item.path("type").asText()) || !"user".equals(item.path("role").asText())) return FrameMeaning.NOTHING;
        var text = new StringBuilder();
        for (var part : item.path("content")) {
            if ("input_text".equals(part.path("type").asText())) {
                if (text.length() > 0) text.append('\n');
                text.append(part.path("text").asText(""));
            }
        }
        if (text.length() == 0) return FrameMeaning.NOTHING;
        return new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, text.toString(), item.path("id").asText(""));
    }

    private RelayUsage responseUsage(JsonNode usage) {
        if (!usage.isObject()) return RelayUsage.NONE;
        var in = usage.path("input_token_details");
        var out = usage.path("output_token_details");
        long inTotal = usage.path("input_tokens").asLong(0);
        long outTotal = usage.path("output_tokens").asLong(0);
        long audioIn = in.path("audio_tokens").asLong(0);
        long audioOut = out.path("audio_tokens").asLong(0);
        long textIn = in.has("text_tokens") ? in.path("text_tokens").asLong(0) : Math.max(0, inTotal - audioIn);
        long textOut = out.has("text_tokens") ? out.path("text_tokens").asLong(0) : Math.max(0, outTotal - audioOut);
        return new RelayUsage(textIn, textOut, audioIn, audioOut, in.path("cached_tokens").asLong(0), 0, 0, model);
    }
}
