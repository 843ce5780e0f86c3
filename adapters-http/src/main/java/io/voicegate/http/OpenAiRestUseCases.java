package io.voicegate.http;

import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.TrackedRelaySessions;

import java.time.Clock;
import java.util.Objects;

/**
 * The core use cases behind {@link OpenAiRestEndpoints}: consent for a new session, recording it, reading a session
 * a call continues, the observer that records a call's sideband, and where chat usage goes.
 */
public record OpenAiRestUseCases(ConsentGate consent, CreateForwardedSession createSession, GetSession getSession,
                                 TrackedRelaySessions sessionObserver, ChatUsage chatUsage, Clock clock) {

    public OpenAiRestUseCases {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(createSession, "createSession");
        Objects.requireNonNull(getSession, "getSession");
        Objects.requireNonNull(sessionObserver, "sessionObserver");
        Objects.requireNonNull(chatUsage, "chatUsage");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Hears the token counts of each chat completion that reported them (non-streamed, or streamed with
     * {@code stream_options.include_usage}). Core keeps usage per voice session, so where chat usage is stored is the
     * wiring's choice. Called on the request thread; must not throw.
     */
    @FunctionalInterface
    public interface ChatUsage {
        void record(UserId user, String model, long promptTokens, long completionTokens);

        static ChatUsage ignored() {
            return (user, model, prompt, completion) -> { };
        }
    }
}
