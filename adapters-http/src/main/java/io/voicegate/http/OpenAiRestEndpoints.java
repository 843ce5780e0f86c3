package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;

import java.util.List;
import java.util.Objects;

/**
 * The OpenAI-compatible REST routes an official OpenAI SDK pointed at {@code /openai/v1} calls, with a Voicegate
 * access token as its API key: realtime client secrets and WebRTC calls ({@link OpenAiRealtimeSessionEndpoints}),
 * chat completions ({@link OpenAiChatEndpoints}), speech ({@link OpenAiSpeechEndpoints}) and the model list
 * ({@link OpenAiModelsEndpoints}). Forwarded with the server's key; errors are OpenAI-shaped ({@link ErrorResponses}).
 */
public final class OpenAiRestEndpoints implements Endpoints {

    static final String BASE = "/openai/v1";

    private final List<Endpoints> groups;

    public OpenAiRestEndpoints(Authenticator authenticator, Guards guards, OpenAiRestUseCases useCases,
                               OpenAiUpstream upstream, OpenAiCalls calls, OpenAiRestSettings settings) {
        Objects.requireNonNull(useCases, "useCases");
        Objects.requireNonNull(settings, "settings");
        var caller = new OpenAiCaller(authenticator, upstream);
        // One plain mapper for OpenAI's JSON (it keeps nulls, unlike Voicegate's own), shared by every group.
        var mapper = new ObjectMapper();
        this.groups = List.of(
                new OpenAiRealtimeSessionEndpoints(caller, mapper, guards, useCases, upstream, calls, settings),
                new OpenAiChatEndpoints(caller, mapper, useCases.recordApiUsage(), upstream),
                new OpenAiSpeechEndpoints(caller, mapper, upstream),
                new OpenAiModelsEndpoints(caller, mapper, settings.realtimeModels()));
    }

    @Override
    public void addTo(RoutesConfig routes) {
        groups.forEach(group -> group.addTo(routes));
    }
}
