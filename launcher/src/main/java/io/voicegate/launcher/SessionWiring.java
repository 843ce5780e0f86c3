package io.voicegate.launcher;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.consent.ConsentWithdrawalListener;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.privacy.ActiveSessions;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.session.AgentHandoff;
import io.voicegate.core.session.AppendTranscript;
import io.voicegate.core.session.CloseSession;
import io.voicegate.core.session.CreateForwardedSession;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndActiveSessions;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.EndUserSessions;
import io.voicegate.core.session.TrackedRelaySessions;
import io.voicegate.core.realtime.LiveRelays;
import io.voicegate.core.realtime.RelaySessions;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.GetTranscript;
import io.voicegate.core.session.ListSessions;
import io.voicegate.core.session.RecordTurn;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.session.StopStoringTranscripts;
import io.voicegate.core.session.SweepSessions;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.RecordApiUsage;
import io.voicegate.core.usage.RecordUsage;
import io.voicegate.core.usage.SummariseUsage;
import io.voicegate.http.Authenticator;
import io.voicegate.http.ClientAddresses;
import io.voicegate.http.SessionEndpoints;
import io.voicegate.http.SessionUseCases;
import io.voicegate.http.OpenAiRestUseCases;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.launcher.config.SessionConfig;
import io.voicegate.persistence.JdbiApiUsageStore;
import io.voicegate.persistence.JdbiSessionStore;
import io.voicegate.persistence.JdbiTranscriptStore;
import io.voicegate.persistence.JdbiUsageStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions, transcripts and usage (of sessions, and of chat completions outside them) wired on the database: the
 * stores, the use cases, the HTTP routes, the periodic sweep, the start-up recovery and the shutdown that ends live
 * sessions. The relay takes {@link #recordTurn()}, {@link #recordUsage()} and {@link #closeSession()} from here.
 */
final class SessionWiring {

    private static final Logger LOG = LoggerFactory.getLogger(SessionWiring.class);

    private final SessionConfig config;
    private final SessionUseCases useCases;
    private final SweepSessions sweep;
    private final EndActiveSessions endActive;
    private final CloseSession close;
    private final RecordTurn recordTurn;
    private final RecordUsage recordUsage;
    private final EndUserSessions endUserSessions;
    private final StopStoringTranscripts stopStoringTranscripts;
    private final TrackedRelaySessions relaySessions;
    private final CreateForwardedSession createForwarded;
    private final RecordApiUsage recordApiUsage;
    private ScheduledExecutorService sweeper;

    SessionWiring(Jdbi jdbi, SessionConfig config, ProviderRegistry providers, ConsentGate consents, AuditTrail audit,
                  Clock clock, IdGenerator ids) {
        this(jdbi, config, providers, consents, audit, clock, ids, null, LiveRelays.NONE);
    }

    /**
     * @param handoff what new sessions hand to their agent; null: references that resolve to nothing (tests)
     * @param relays  the live relays, closed when their session is ended elsewhere (consent, erasure, quota, sweep)
     */
    SessionWiring(Jdbi jdbi, SessionConfig config, ProviderRegistry providers, ConsentGate consents, AuditTrail audit,
                  Clock clock, IdGenerator ids, AgentHandoff handoff, LiveRelays relays) {
        this.config = config;
        var sessions = new JdbiSessionStore(jdbi);
        var transcripts = new JdbiTranscriptStore(jdbi);
        var usage = new JdbiUsageStore(jdbi);
        var apiUsage = new JdbiApiUsageStore(jdbi);
        var quotas = new QuotaGuard(sessions, usage, config.pricing(), config.quotas());
        this.close = new CloseSession(sessions, audit, clock, relays);
        this.useCases = new SessionUseCases(
                handoff == null ? new CreateSession(sessions, providers, quotas, consents, config.policy(), audit, clock, ids)
                        : new CreateSession(sessions, providers, quotas, consents, config.policy(), audit, clock, ids, handoff),
                new StartSession(sessions, audit, clock),
                new EndSession(sessions, audit, clock),
                new GetSession(sessions, audit),
                new ListSessions(sessions, audit),
                new AppendTranscript(sessions, transcripts, audit),
                new GetTranscript(sessions, transcripts, audit),
                new SummariseUsage(sessions, usage, apiUsage, config.pricing(), quotas, audit, clock),
                providers);
        this.sweep = new SweepSessions(sessions, close, config.policy(), audit, clock);
        this.endActive = new EndActiveSessions(sessions, close);
        this.recordTurn = new RecordTurn(sessions, transcripts);
        this.recordUsage = new RecordUsage(sessions, usage, quotas, close, clock, ids);
        this.endUserSessions = new EndUserSessions(sessions, close);
        this.stopStoringTranscripts = new StopStoringTranscripts(sessions, audit);
        this.relaySessions = new TrackedRelaySessions(sessions, quotas, consents, recordTurn, recordUsage, close, audit,
                clock, ids);
        this.createForwarded = new CreateForwardedSession(sessions, quotas, audit, clock, ids);
        this.recordApiUsage = new RecordApiUsage(apiUsage, clock, ids);
    }

    /**
     * What the {@code /openai/v1} REST routes record client secrets and WebRTC calls with (the session creation, the
     * owner's read of a session a call continues, the observer of a call's sideband) and chat completions' token usage.
     */
    OpenAiRestUseCases openAiRestUseCases(ConsentGate consent, Clock clock) {
        return new OpenAiRestUseCases(consent, createForwarded, useCases.get(), relaySessions, recordApiUsage, clock);
    }

    /** What the realtime relay (OpenAiEndpoints) records its sessions with, instead of RelaySessions.untracked. */
    RelaySessions relaySessions() {
        return relaySessions;
    }

    /** @param publicUrl {@code PUBLIC_URL}, to make a relay's connect URL absolute (empty: from the request) */
    SessionEndpoints endpoints(Authenticator authenticator, ClientAddresses addresses, String publicUrl) {
        return new SessionEndpoints(authenticator, useCases, addresses, publicUrl);
    }

    RecordTurn recordTurn() {
        return recordTurn;
    }

    RecordUsage recordUsage() {
        return recordUsage;
    }

    CloseSession closeSession() {
        return close;
    }

    /** Erasure ends the user's live sessions first (the reason, e.g. {@code user_erased}, is audited as ended_by_user). */
    ActiveSessions activeSessions() {
        return (user, reason) -> endUserSessions.handle(user, EndReason.parse(reason).orElse(EndReason.ENDED_BY_USER),
                RequestContext.system("erasure"));
    }

    /**
     * Withdrawing voice-processing consent ends the user's live sessions with {@code consent_withdrawn} (closing
     * their relays and calls through {@link CloseSession}); withdrawing transcript-storage consent makes their live
     * sessions keep no more transcript text.
     */
    ConsentWithdrawalListener withdrawalListener() {
        return (user, purpose) -> {
            var request = RequestContext.system("consent-withdrawal");
            if (purpose == Purpose.VOICE_PROCESSING) {
                endUserSessions.handle(user, EndReason.CONSENT_WITHDRAWN, request);
            } else if (purpose == Purpose.TRANSCRIPT_STORAGE) {
                stopStoringTranscripts.handle(user, request);
            }
        };
    }

    /** Closes sessions a crashed process left ACTIVE ({@code interrupted}); run once before serving. */
    int recoverInterrupted() {
        int ended = endActive.handle(EndReason.INTERRUPTED);
        if (ended > 0) LOG.info("Closed {} session(s) left active by an earlier process", ended);
        return ended;
    }

    /** Runs one sweep now (the scheduler calls this). */
    SweepSessions.Swept sweepOnce() {
        return sweep.handle();
    }

    synchronized void startSweeper() {
        if (sweeper != null) return;
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "voicegate-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long seconds = config.sweepInterval().toSeconds();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                var swept = sweep.handle();
                if (swept.expired() + swept.ended() > 0) {
                    LOG.info("Session sweep: {} expired, {} ended at max duration", swept.expired(), swept.ended());
                }
            } catch (RuntimeException e) {
                LOG.warn("Session sweep failed; next attempt in {} s", seconds, e);
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Graceful stop: no more sweeps, then every live session ends with {@code server_shutdown}. */
    synchronized void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            try {
                sweeper.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sweeper = null;
        }
        int ended = endActive.handle(EndReason.SERVER_SHUTDOWN);
        if (ended > 0) LOG.info("Ended {} active session(s) for the shutdown", ended);
    }
}
