package io.voicegate.openai;

import io.voicegate.core.tools.Tool;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's rules for OpenAI realtime sessions. {@code models}: the allow-list ({@code OPENAI_REALTIME_MODELS}).
 * {@code instructions} and {@code voice}: locked when not empty (a client's value is overwritten). {@code tools}: the
 * server-side tools offered; a client may add its own unless {@code clientToolsAllowed} is false, but never replace
 * or shadow a server tool. {@code transcriptionModel}: when not empty, input transcription is switched on (transcripts
 * are recorded) and locked.
 */
public record OpenAiRealtimePolicy(Set<String> models, String instructions, String voice, List<Tool> tools,
                                   boolean clientToolsAllowed, String transcriptionModel) {

    public OpenAiRealtimePolicy {
        models = Set.copyOf(Objects.requireNonNull(models, "models"));
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(voice, "voice");
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        Objects.requireNonNull(transcriptionModel, "transcriptionModel");
        if (models.isEmpty()) throw new IllegalArgumentException("at least one model must be allowed");
    }

    /** Only the model allow-list; nothing locked, transcription of user audio with {@code gpt-4o-mini-transcribe}. */
    public static OpenAiRealtimePolicy allowing(String... models) {
        return new OpenAiRealtimePolicy(Set.of(models), "", "", List.of(), true, "gpt-4o-mini-transcribe");
    }

    public boolean allows(String model) {
        return models.contains(model);
    }
}
