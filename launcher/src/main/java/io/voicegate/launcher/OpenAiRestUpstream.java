package io.voicegate.launcher;

import io.voicegate.core.realtime.RelayTarget;
import io.voicegate.http.OpenAiUpstream;
import io.voicegate.openai.ChatCompletionStream;
import io.voicegate.openai.OpenAiRealtime;
import io.voicegate.openai.OpenAiRealtimePolicy;
import io.voicegate.openai.OpenAiRelayProtocol;
import io.voicegate.openai.OpenAiRest;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/** The {@code /openai/v1} REST routes' upstream: the OpenAI adapter's REST client and realtime sideband. */
final class OpenAiRestUpstream implements OpenAiUpstream {

    private final OpenAiRest rest;
    private final OpenAiRealtime realtime;
    private final OpenAiRealtimePolicy policy;

    OpenAiRestUpstream(OpenAiRest rest, OpenAiRealtime realtime, OpenAiRealtimePolicy policy) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.realtime = Objects.requireNonNull(realtime, "realtime");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Over one HTTP client and the server's key; the sideband applies the REST routes' policy. */
    static OpenAiRestUpstream create(java.net.http.HttpClient http, io.voicegate.core.realtime.WebSocketConnector connector,
                                     io.voicegate.openai.OpenAiSettings settings,
                                     io.voicegate.http.OpenAiRestSettings policy) {
        return new OpenAiRestUpstream(new OpenAiRest(http, settings), new OpenAiRealtime(connector, settings),
                new OpenAiRealtimePolicy(java.util.Set.copyOf(policy.realtimeModels()), policy.instructions(), policy.voice(),
                        policy.tools(), true, policy.transcriptionModel()));
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public ClientSecret createClientSecret(String requestJson) {
        var secret = rest.createClientSecret(requestJson);
        return new ClientSecret(secret.value(), secret.expiresAt(), secret.body());
    }

    @Override
    public CallAnswer createCall(String sdpOffer, String sessionJson) {
        var answer = rest.createCall(sdpOffer, sessionJson);
        return new CallAnswer(answer.callId(), answer.sdp());
    }

    @Override
    public void hangUp(String callId) {
        rest.hangUp(callId);
    }

    @Override
    public Answer chatCompletion(String requestJson) {
        var answer = rest.chatCompletion(requestJson);
        return new Answer(answer.contentType(), answer.body());
    }

    @Override
    public EventStream streamChatCompletion(String requestJson) {
        ChatCompletionStream stream = rest.streamChatCompletion(requestJson);
        return new EventStream() {
            @Override
            public Optional<String> next() throws IOException {
                return stream.next();
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    @Override
    public Answer.Streamed speech(String requestJson) {
        var audio = rest.speech(requestJson);
        return new Answer.Streamed(audio.contentType(), audio.body());
    }

    @Override
    public RelayTarget sideband(String callId, String model) {
        return new RelayTarget(realtime.sideband(callId), OpenAiRelayProtocol.of(policy, model));
    }
}
