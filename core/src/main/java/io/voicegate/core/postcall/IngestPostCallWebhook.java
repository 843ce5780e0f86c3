package io.voicegate.core.postcall;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * Takes one provider's post-call webhook: verifies it over the raw bytes before anything reads them, parses it,
 * and hands it to its session exactly once. An event for a session not known yet is kept for later matching rather
 * than dropped.
 */
public final class IngestPostCallWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPostCallWebhook.class);

    /** What was done with a request that passed verification. */
    public enum Disposition {
        /** Given to its session. */
        RECORDED,
        /** Seen before; nothing changed. */
        DUPLICATE,
        /** No session matches yet; kept for later matching. */
        KEPT_UNMATCHED,
        /** Authentic but not wanted (unknown type, or audio while audio is not stored). */
        IGNORED
    }

    private final WebhookVerifier verifier;
    private final PostCallParser parser;
    private final PostCallSink sink;
    private final WebhookEvents events;
    private final Clock clock;
    private final boolean storeAudio;
    private final AuditTrail audit;

    /** Without an audit trail for what matched no session (a delivered event is audited by its sink). */
    public IngestPostCallWebhook(WebhookVerifier verifier, PostCallParser parser, PostCallSink sink,
                                 WebhookEvents events, Clock clock, boolean storeAudio) {
        this(verifier, parser, sink, events, clock, storeAudio, null);
    }

    /**
     * @param audit records rejected requests and reports kept unmatched (each as {@code webhook.ingest}, about
     *              nobody yet); null for none
     */
    public IngestPostCallWebhook(WebhookVerifier verifier, PostCallParser parser, PostCallSink sink,
                                 WebhookEvents events, Clock clock, boolean storeAudio, AuditTrail audit) {
        this.audit = audit;
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storeAudio = storeAudio;
    }

    /**
     * @throws WebhookRejected  when the request is not provably from the provider (nothing was parsed)
     * @throws MalformedWebhook when an authentic body cannot be understood
     */
    public Disposition handle(WebhookRequest request) {
        try {
            verifier.verify(request);
        } catch (WebhookRejected rejected) {
            audited(Outcome.DENIED, "rejected: " + rejected.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw rejected;
        }
        var body = request.body();
        var event = parser.parse(body);
        if (event instanceof PostCallEvent.Unsupported unsupported) {
            LOG.info("Ignoring {} webhook of unsupported type {}", unsupported.provider(), unsupported.type());
            return Disposition.IGNORED;
        }
        var ofCall = (PostCallEvent.OfCall) event;
        if (ofCall instanceof PostCallEvent.Audio && !storeAudio) return Disposition.IGNORED;
        var key = ofCall.eventKey();
        if (!events.claim(key, clock.instant())) return Disposition.DUPLICATE;
        try {
            if (sink.recordPostCall(ofCall) == PostCallSink.Delivery.RECORDED) return Disposition.RECORDED;
            events.keepUnmatched(new UnmatchedWebhook(key, ofCall.call(), clock.instant(), body));
            audited(Outcome.SUCCESS, "kept unmatched " + ofCall.provider() + " " + ofCall.getClass().getSimpleName());
            return Disposition.KEPT_UNMATCHED;
        } catch (RuntimeException e) {
            events.release(key);
            throw e;
        }
    }

    private void audited(Outcome outcome, String detail) {
        if (audit != null) {
            audit.systemAction("webhook", RecordPostCall.ACTION, "webhook_event", outcome,
                    RequestContext.system("post-call-webhook"), detail);
        }
    }
}
