package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.VoiceSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Builds sessions for tests: {@code Sessions.created(owner, at)}, then the record's own transitions. */
public final class Sessions {

    private Sessions() {
    }

    /** A CREATED session with a random id, provider {@code fake}, relay mode, credential valid for 60 s. */
    public static VoiceSession created(UserId owner, Instant at) {
        return created(new SessionId(UUID.randomUUID()), owner, at);
    }

    public static VoiceSession created(SessionId id, UserId owner, Instant at) {
        return VoiceSession.created(id, owner, "fake", ConnectionMode.RELAY, Optional.of("fake-voice-1"),
                Optional.of("alloy"), "{\"topic\":\"test\"}", at, at.plus(Duration.ofSeconds(60)));
    }
}
