package io.voicegate.core.usage;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.session.CloseSession;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.VoiceSession;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay records usage a provider reported for a live session; when that pushes the owner over a daily quota,
 * the session is ended with {@code quota_exhausted} and the relay is told to close it.
 */
public final class RecordUsage {

    /** @param model the model the usage is for; empty to use the session's */
    public record Command(SessionId session, Optional<String> model, Usage usage) {
        public Command {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** @param endedForQuota the session, ended, when a quota is now exhausted (the relay closes both sides) */
    public record Recorded(Optional<UsageRecord> record, Optional<VoiceSession> endedForQuota) {
    }

    private final SessionStore sessions;
    private final UsageStore usage;
    private final QuotaGuard quotas;
    private final CloseSession close;
    private final Clock clock;
    private final IdGenerator ids;

    public RecordUsage(SessionStore sessions, UsageStore usage, QuotaGuard quotas, CloseSession close, Clock clock,
                       IdGenerator ids) {
        this.sessions = sessions;
        this.usage = usage;
        this.quotas = quotas;
        this.close = close;
        this.clock = clock;
        this.ids = ids;
    }

    public Recorded handle(Command command) {
        var found = sessions.find(command.session());
        if (found.isEmpty()) return new Recorded(Optional.empty(), Optional.empty());
        var session = found.get();
        var now = clock.instant();
        var record = new UsageRecord(ids.next(), session.id(), session.owner(), session.provider(),
                command.model().or(session::model).orElse(""), now, command.usage());
        usage.append(record);
        if (session.status() != SessionStatus.ACTIVE || quotas.exhausted(session.owner(), now).isEmpty()) {
            return new Recorded(Optional.of(record), Optional.empty());
        }
        var ended = close.handle(session.id(), EndReason.QUOTA_EXHAUSTED, RequestContext.system("quota"))
                .filter(s -> s.endReason().filter(EndReason.QUOTA_EXHAUSTED::equals).isPresent());
        return new Recorded(Optional.of(record), ended);
    }
}
