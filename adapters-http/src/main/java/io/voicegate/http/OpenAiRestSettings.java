package io.voicegate.http;

import io.voicegate.core.realtime.RelayLimits;
import io.voicegate.core.tools.Tool;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The operator's policy for the OpenAI-compatible REST routes. {@code realtimeModels}: the allow-list
 * ({@code OPENAI_REALTIME_MODELS}, the first is the default; also what {@code GET /models} lists). {@code voice} and
 * {@code instructions}: locked when not empty. {@code tools}: the server tools offered ({@code OPENAI_TOOLS}).
 * {@code transcriptionModel}: when not empty, input transcription is on (transcripts recorded). {@code clientSecretTtl}:
 * how long a client secret can start sessions ({@code OPENAI_CLIENT_SECRET_TTL_SECONDS}, 10 s to 2 h).
 * {@code callLimits}: the bounds of a WebRTC call's sideband (its maximum duration ends the call).
 */
public record OpenAiRestSettings(List<String> realtimeModels, String voice, String instructions, List<Tool> tools,
                                 String transcriptionModel, Duration clientSecretTtl, RelayLimits callLimits) {

    public OpenAiRestSettings {
        realtimeModels = List.copyOf(Objects.requireNonNull(realtimeModels, "realtimeModels"));
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(instructions, "instructions");
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        Objects.requireNonNull(transcriptionModel, "transcriptionModel");
        Objects.requireNonNull(clientSecretTtl, "clientSecretTtl");
        Objects.requireNonNull(callLimits, "callLimits");
        if (realtimeModels.isEmpty()) throw new IllegalArgumentException("at least one realtime model must be allowed");
        if (clientSecretTtl.toSeconds() < 10 || clientSecretTtl.toSeconds() > 7200) {
            throw new IllegalArgumentException("clientSecretTtl must be 10 s to 2 h, was " + clientSecretTtl);
        }
    }

    /** Only an allow-list: nothing locked, no tools, transcription with {@code gpt-4o-mini-transcribe}, 60 s secrets. */
    public static OpenAiRestSettings allowing(String... models) {
        return new OpenAiRestSettings(List.of(models), "", "", List.of(), "gpt-4o-mini-transcribe",
                Duration.ofSeconds(60), RelayLimits.defaults());
    }

    public String defaultModel() {
        return realtimeModels.get(0);
    }
}
