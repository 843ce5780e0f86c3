package io.voicegate.http;

import io.voicegate.core.realtime.RelayTarget;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * OpenAI's REST API as the {@code /openai/v1} routes forward to it, called with the server's key. The launcher
 * implements it over the OpenAI adapter (adapters never import each other). Bodies pass through as JSON text.
 * Failures are core exceptions: {@link io.voicegate.core.provider.ProviderUnavailable} (unreachable, 5xx, Voicegate's
 * key refused), {@link io.voicegate.core.provider.ProviderRateLimited} (429, with its wait),
 * {@link io.voicegate.core.provider.ProviderRejectedRequest} (another 4xx, with OpenAI's code and param). Thread-safe.
 */
public interface OpenAiUpstream {

    /** False when no {@code OPENAI_API_KEY} is set: every route then answers 503. */
    boolean configured();

    /** {@code POST /realtime/client_secrets} with this JSON body. */
    ClientSecret createClientSecret(String requestJson);

    /** {@code POST /realtime/calls}: multipart with the session config, or the bare offer when it is empty. */
    CallAnswer createCall(String sdpOffer, String sessionJson);

    /** {@code POST /realtime/calls/{id}/hangup}. */
    void hangUp(String callId);

    /** {@code POST /chat/completions} without streaming. */
    Answer chatCompletion(String requestJson);

    /** {@code POST /chat/completions} with {@code "stream": true}: each SSE event's data as it arrives. */
    EventStream streamChatCompletion(String requestJson);

    /** {@code POST /audio/speech}: the audio as it arrives. */
    Answer.Streamed speech(String requestJson);

    /** The sideband of a WebRTC call ({@code /realtime?call_id=}) with the policy of this model. */
    RelayTarget sideband(String callId, String model);

    /** An ephemeral key: its value (redacted in toString), expiry, and OpenAI's whole answer as JSON text. */
    record ClientSecret(String value, Instant expiresAt, String body) {
        @Override
        public String toString() {
            return "ClientSecret[value=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** OpenAI's SDP answer and the call id from its {@code Location}. */
    record CallAnswer(String callId, String sdp) {
    }

    /** A whole answer, passed through. */
    record Answer(String contentType, byte[] body) {
        public Answer {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** A body read as it arrives; the caller closes it. */
        public record Streamed(String contentType, InputStream body) implements AutoCloseable {
            @Override
            public void close() throws IOException {
                body.close();
            }
        }
    }

    /** Server-sent events read one by one; the caller closes it. */
    interface EventStream extends AutoCloseable {
        /** The next event's data; empty at the end of the stream. */
        Optional<String> next() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The upstream of a server without {@code OPENAI_API_KEY}. */
    static OpenAiUpstream unconfigured() {
        return UnconfiguredOpenAi.INSTANCE;
    }
}
