package io.voicegate.http;

import io.voicegate.core.realtime.RelayTarget;

/** {@link OpenAiUpstream#unconfigured()}: refuses everything with 503 {@link OpenAiNotConfigured}. */
enum UnconfiguredOpenAi implements OpenAiUpstream {
    INSTANCE;

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public ClientSecret createClientSecret(String requestJson) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public CallAnswer createCall(String sdpOffer, String sessionJson) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public void hangUp(String callId) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public Answer chatCompletion(String requestJson) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public EventStream streamChatCompletion(String requestJson) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public Answer.Streamed speech(String requestJson) {
        throw new OpenAiNotConfigured();
    }

    @Override
    public RelayTarget sideband(String callId, String model) {
        throw new OpenAiNotConfigured();
    }
}
