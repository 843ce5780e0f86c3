package io.voicegate.core.audit;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.identity.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Records audit events for use cases: turns user ids into pseudonyms and client addresses into keyed hashes, so no
 * raw identifier ever reaches the trail. Thread-safe.
 */
public final class AuditTrail {

    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";

    private final AuditLog log;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final IdGenerator ids;
    private final SecretKeySpec ipHashKey;

    public AuditTrail(AuditLog log, Pseudonyms pseudonyms, Clock clock, IdGenerator ids, byte[] ipHashKey) {
        this.log = Objects.requireNonNull(log, "log");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        if (ipHashKey.length < 16) throw new IllegalArgumentException("ip hash key must be at least 16 bytes");
        this.ipHashKey = new SecretKeySpec(ipHashKey.clone(), "HmacSHA256");
    }

    /** The user acted on their own data (the common case). */
    public void userAction(UserId user, String action, String resourceType, String resourceId, Outcome outcome,
                           RequestContext request) {
        var pseudonym = pseudonyms.of(user);
        append(pseudonym, Optional.of(pseudonym), action, resourceType, Optional.ofNullable(resourceId), outcome,
                request, Optional.empty());
    }

    /** Something (a system job, an agent, an anonymous caller) acted on data about a user. */
    public void actionOn(String actor, UserId subject, String action, String resourceType, String resourceId,
                         Outcome outcome, RequestContext request, String detail) {
        append(actor, Optional.of(pseudonyms.of(subject)), action, resourceType, Optional.ofNullable(resourceId),
                outcome, request, Optional.ofNullable(detail));
    }

    /** An event about nobody in particular (a sweep, a rejected anonymous request). */
    public void systemAction(String actor, String action, String resourceType, Outcome outcome,
                             RequestContext request, String detail) {
        append(actor, Optional.empty(), action, resourceType, Optional.empty(), outcome, request,
                Optional.ofNullable(detail));
    }

    /** The pseudonym under which a user's events are filed. */
    public String pseudonymOf(UserId user) {
        return pseudonyms.of(user);
    }

    /**
     * A stable pseudonym of the user for one outside party (e.g. {@code elevenlabs} for an agent's dynamic
     * variables), derived from the audit pseudonym with the server's key, so what that party keeps cannot be joined
     * with the audit trail without the key, and two parties cannot join theirs. Erasure changes it (the audit
     * pseudonym is forgotten).
     */
    public String pseudonymFor(UserId user, String audience) {
        Objects.requireNonNull(audience, "audience");
        var digest = keyedHash("pseudonym-for:" + audience + ":" + pseudonyms.of(user));
        return "ext_" + digest.substring(0, 32);
    }

    /**
     * Deletes the user's pseudonym key, so the events that stay can no longer be tied to the person. Record the
     * last event about them (the erasure) before calling this: a later {@link #pseudonymOf} starts a new pseudonym.
     */
    public void forget(UserId user) {
        pseudonyms.forget(user);
    }

    /** Keyed hash of a client address; the same address always gives the same hash under one key. */
    public String hashIp(String ip) {
        return keyedHash(ip);
    }

    private String keyedHash(String text) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(ipHashKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void append(String actor, Optional<String> subject, String action, String resourceType,
                        Optional<String> resourceId, Outcome outcome, RequestContext request, Optional<String> detail) {
        log.append(new AuditEvent(ids.next(), actor, subject, action, resourceType, resourceId, outcome,
                clock.instant(), request.requestId(), request.clientIp().map(this::hashIp), detail));
    }
}
