package io.voicegate.http;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.realtime.ClientLink;
import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.OpenRelay;
import io.voicegate.core.realtime.RealtimeBridge;
import io.voicegate.core.realtime.RelayEnd;
import io.voicegate.core.realtime.RelayObserver;
import io.voicegate.core.realtime.RelayUsage;
import io.voicegate.core.session.SessionId;
import io.voicegate.core.tools.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The WebRTC calls Voicegate answered and listens to: each has a sideband relay (core's bridge with a discarding
 * client) that records the session's turns, usage and tool calls. When the sideband ends for any reason but the
 * call's own end (maximum duration, quota, consent withdrawn, the owner's hangup, a broken sideband), the call is
 * hung up at OpenAI, so audio never flows unrecorded. Thread-safe.
 */
public final class OpenAiCalls {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCalls.class);

    /** One live call: its OpenAI id, its session and owner, and the sideband relay. */
    record Call(String callId, SessionId session, UserId owner, RealtimeBridge sideband, AtomicBoolean hungUp) {
    }

    private final OpenAiUpstream upstream;
    private final OpenRelay openRelay;
    private final OpenAiRestSettings settings;
    private final Executor hangUps;
    private final Map<String, Call> byCallId = new ConcurrentHashMap<>();

    /** {@code hangUps} runs the hangup requests off the relay's I/O threads. */
    public OpenAiCalls(OpenAiUpstream upstream, OpenRelay openRelay, OpenAiRestSettings settings, Executor hangUps) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.openRelay = Objects.requireNonNull(openRelay, "openRelay");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hangUps = Objects.requireNonNull(hangUps, "hangUps");
    }

    /** Attaches the sideband to an answered call; {@code observer} records the session. */
    void attach(String callId, String model, SessionId session, UserId owner, RelayObserver observer) {
        var hungUp = new AtomicBoolean();
        var target = upstream.sideband(callId, model);
        var bridge = openRelay.handle(new OpenRelay.Command(session.toString(), ClientLink.discarding(), target.upstream(),
                target.protocol(), new HangingUp(callId, hungUp, observer), settings.callLimits()));
        byCallId.put(callId, new Call(callId, session, owner, bridge, hungUp));
        if (bridge.ended().isPresent()) byCallId.remove(callId);
    }

    /**
     * The owner hangs up: the sideband ends first (so the session ends {@code ended_by_user}, not with the call's
     * close), then OpenAI is told at once; its failure is the caller's answer.
     */
    void hangUpByOwner(String callId, UserId owner) {
        var call = Optional.ofNullable(byCallId.get(callId)).filter(c -> c.owner().equals(owner))
                .orElseThrow(() -> new CallNotFound(callId));
        boolean first = call.hungUp().compareAndSet(false, true);
        call.sideband().end(RelayEnd.Reason.ENDED_BY_USER, 1000, "The call was hung up.");
        if (first) upstream.hangUp(callId);
    }

    /** Ends the call of this session (e.g. consent withdrawn, quota exhausted); false when it has none. */
    public boolean end(SessionId session, RelayEnd.Reason reason) {
        var ended = false;
        for (var call : byCallId.values()) {
            if (call.session().equals(session)) {
                call.sideband().end(reason, 1000, "The call was ended: " + reason.code() + ".");
                ended = true;
            }
        }
        return ended;
    }

    /** Ends every call of this user (consent withdrawn, erasure); returns how many. */
    public int endAllOf(UserId owner, RelayEnd.Reason reason) {
        int count = 0;
        for (var call : List.copyOf(byCallId.values())) {
            if (call.owner().equals(owner)) {
                call.sideband().end(reason, 1000, "The call was ended: " + reason.code() + ".");
                count++;
            }
        }
        return count;
    }

    /** How many calls are being listened to. */
    public int count() {
        return byCallId.size();
    }

    /** Passes everything on and hangs the call up when the sideband ends for any reason but the call's own end. */
    private final class HangingUp implements RelayObserver {

        private final String callId;
        private final AtomicBoolean hungUp;
        private final RelayObserver session;

        HangingUp(String callId, AtomicBoolean hungUp, RelayObserver session) {
            this.callId = callId;
            this.hungUp = hungUp;
            this.session = session;
        }

        @Override
        public void connected() {
            session.connected();
        }

        @Override
        public void turn(FrameMeaning.TranscriptTurn turn) {
            session.turn(turn);
        }

        @Override
        public void usage(RelayUsage usage) {
            session.usage(usage);
        }

        @Override
        public void toolCalled(FrameMeaning.ToolCallRequested call, ToolResult result) {
            session.toolCalled(call, result);
        }

        @Override
        public void providerError(FrameMeaning.ProviderError error) {
            session.providerError(error);
        }

        @Override
        public void ended(RelayEnd end) {
            byCallId.remove(callId);
            if (end.reason() != RelayEnd.Reason.UPSTREAM_CLOSED && hungUp.compareAndSet(false, true)) {
                hangUps.execute(() -> {
                    try {
                        upstream.hangUp(callId);
                        LOG.info("Hung up call {} ({})", callId, end.reason().code());
                    } catch (RuntimeException e) {
                        LOG.warn("Could not hang up call {} ({}): {}", callId, end.reason().code(), e.getMessage());
                    }
                });
            }
            session.ended(end);
        }
    }

    /** No live call with this id belongs to the caller: 404, as OpenAI answers an unknown call. */
    static final class CallNotFound extends io.voicegate.core.VoicegateException {
        CallNotFound(String callId) {
            super("No call found with id '" + callId + "'.");
        }

        @Override
        public String code() {
            return "call_not_found";
        }

        @Override
        public Kind kind() {
            return Kind.NOT_FOUND;
        }

        @Override
        public Map<String, Object> details() {
            return Map.of("param", "call_id");
        }
    }
}
