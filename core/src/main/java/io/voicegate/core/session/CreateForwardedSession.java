package io.voicegate.core.session;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.usage.QuotaGuard;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records a session whose credential the caller obtains itself, as a provider-compatible surface does when it
 * forwards the client's own request upstream (OpenAI client secrets, WebRTC calls): the quotas first, then the
 * caller's mint (given the new session id), then the CREATED session. Nothing is stored when a step refuses.
 */
public final class CreateForwardedSession {

    /** @param transcriptStored whether the owner's consent lets transcript text be kept */
    public record Command(UserId user, String provider, ConnectionMode mode, Optional<String> model,
                          Optional<String> voice, boolean transcriptStored, RequestContext request) {
        public Command {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(voice, "voice");
            Objects.requireNonNull(request, "request");
        }
    }

    /** What the caller's mint produced: until when the credential works, and whatever it wants back. */
    public record Minted<T>(Instant expiresAt, T result) {
        public Minted {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    public record Created<T>(VoiceSession session, T result) {
    }

    private final SessionStore sessions;
    private final QuotaGuard quotas;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdGenerator ids;

    public CreateForwardedSession(SessionStore sessions, QuotaGuard quotas, AuditTrail audit, Clock clock, IdGenerator ids) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * @throws io.voicegate.core.usage.QuotaExceeded when a quota leaves no room (the mint is not called)
     * @throws RuntimeException                       whatever the mint throws (nothing is stored)
     */
    public <T> Created<T> handle(Command command, Function<SessionId, Minted<T>> mint) {
        var now = clock.instant();
        try {
            quotas.checkNewSession(command.user(), now);
        } catch (RuntimeException refused) {
            audit.userAction(command.user(), "session.create", "voice_session", null, Outcome.DENIED, command.request());
            throw refused;
        }
        var id = new SessionId(ids.next());
        var minted = mint.apply(id);
        var session = VoiceSession.created(id, command.user(), command.provider(), command.mode(), command.model(),
                command.voice(), "{}", now, minted.expiresAt()).withTranscriptStored(command.transcriptStored());
        sessions.insert(session);
        audit.userAction(command.user(), "session.create", "voice_session", id.toString(), Outcome.SUCCESS,
                command.request());
        return new Created<>(session, minted.result());
    }
}
