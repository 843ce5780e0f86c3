package io.voicegate.http;

import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.TrackedRelaySessions;
import io.voicegate.core.usage.RecordApiUsage;

import java.time.Clock;
import java.util.Objects;

/**
 * The core use cases behind {@link OpenAiRestEndpoints}: consent for a new session, recording it, reading a session
 * a call continues, the observer that records a call's sideband, and the record of the token usage chat completions
 * report.
 */
public record OpenAiRestUseCases(ConsentGate consent, CreateForwardedSession createSession, GetSession getSession,
                                 TrackedRelaySessions sessionObserver, RecordApiUsage recordApiUsage, Clock clock) {

    public OpenAiRestUseCases {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(createSession, "createSession");
        Objects.requireNonNull(getSession, "getSession");
        Objects.requireNonNull(sessionObserver, "sessionObserver");
        Objects.requireNonNull(recordApiUsage, "recordApiUsage");
        Objects.requireNonNull(clock, "clock");
    }
}
