package io.voicegate.core.session;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ConnectionMode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation of one user with one provider, and its lifecycle: CREATED (credential minted) → ACTIVE
 * (connected) → ENDED | FAILED, or CREATED → EXPIRED (never connected before the credential expired). Transitions
 * live here; a refused one throws {@link SessionConflict}. Instants are kept to the microsecond, as databases do.
 *
 * @param metadata  the client's metadata as a JSON object text (at most {@link #MAX_METADATA_BYTES} bytes)
 * @param expiresAt when the client credential stops working; a CREATED session past it can only expire
 */
public record VoiceSession(SessionId id, UserId owner, String provider, ConnectionMode mode, Optional<String> model,
                           Optional<String> voice, String metadata, SessionStatus status,
                           Optional<EndReason> endReason, Instant createdAt, Optional<Instant> startedAt,
                           Optional<Instant> endedAt, Instant expiresAt, boolean transcriptStored) {

    public static final int MAX_METADATA_BYTES = 4096;

    public VoiceSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endReason, "endReason");
        createdAt = micros(Objects.requireNonNull(createdAt, "createdAt"));
        startedAt = startedAt.map(VoiceSession::micros);
        endedAt = endedAt.map(VoiceSession::micros);
        expiresAt = micros(Objects.requireNonNull(expiresAt, "expiresAt"));
        if (status.isTerminal() != endedAt.isPresent()) {
            throw new IllegalArgumentException("endedAt is set exactly when the status is terminal, status " + status);
        }
        if (status == SessionStatus.CREATED && startedAt.isPresent()) {
            throw new IllegalArgumentException("a CREATED session has not started");
        }
        if (status == SessionStatus.ACTIVE && startedAt.isEmpty()) {
            throw new IllegalArgumentException("an ACTIVE session has a start time");
        }
    }

    /** A freshly minted session, not yet connected. */
    public static VoiceSession created(SessionId id, UserId owner, String provider, ConnectionMode mode,
                                       Optional<String> model, Optional<String> voice, String metadata,
                                       Instant now, Instant expiresAt) {
        return new VoiceSession(id, owner, provider, mode, model, voice, metadata, SessionStatus.CREATED,
                Optional.empty(), now, Optional.empty(), Optional.empty(), expiresAt, true);
    }

    public boolean isOwnedBy(UserId user) {
        return owner.equals(user);
    }

    /**
     * The client connected. Starting an ACTIVE session again changes nothing (idempotent).
     *
     * @throws SessionConflict when the session is over, or was never connected before its credential expired
     */
    public VoiceSession start(Instant now) {
        if (status == SessionStatus.ACTIVE) return this;
        if (status != SessionStatus.CREATED) {
            throw new SessionConflict(status, "The session is " + status.wire() + " and cannot start again.");
        }
        if (isExpiredAt(now)) {
            throw new SessionConflict(status, "The session's credential expired before it connected; create a new session.");
        }
        return new VoiceSession(id, owner, provider, mode, model, voice, metadata, SessionStatus.ACTIVE,
                Optional.empty(), createdAt, Optional.of(now), Optional.empty(), expiresAt, transcriptStored);
    }

    /**
     * Ends the session for the reason ({@link EndReason#UPSTREAM_ERROR} as FAILED). Ending a session that is already
     * over changes nothing (idempotent): the first reason stays.
     */
    public VoiceSession end(EndReason reason, Instant now) {
        Objects.requireNonNull(reason, "reason");
        if (status.isTerminal()) return this;
        return new VoiceSession(id, owner, provider, mode, model, voice, metadata, reason.endsAs(),
                Optional.of(reason), createdAt, startedAt, Optional.of(latest(now)), expiresAt, transcriptStored);
    }

    /**
     * The session was never connected and its credential has expired.
     *
     * @throws SessionConflict when it is not CREATED, or its credential is still valid
     */
    public VoiceSession expire(Instant now) {
        if (status != SessionStatus.CREATED || !isExpiredAt(now)) {
            throw new SessionConflict(status, "Only a session that never connected and whose credential expired can expire.");
        }
        return new VoiceSession(id, owner, provider, mode, model, voice, metadata, SessionStatus.EXPIRED,
                Optional.empty(), createdAt, Optional.empty(), Optional.of(latest(now)), expiresAt, transcriptStored);
    }

    /** Whether transcript turns of this session are kept (the consent rules decide; true by default). */
    public VoiceSession withTranscriptStored(boolean stored) {
        return new VoiceSession(id, owner, provider, mode, model, voice, metadata, status, endReason, createdAt,
                startedAt, endedAt, expiresAt, stored);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether it takes one of its owner's concurrent-session slots: ACTIVE, or CREATED until its credential expires. */
    public boolean isLiveAt(Instant now) {
        return status == SessionStatus.ACTIVE || status == SessionStatus.CREATED && !isExpiredAt(now);
    }

    /** How long it has been (or was) connected; zero if it never connected. */
    public Duration connectedFor(Instant now) {
        if (startedAt.isEmpty()) return Duration.ZERO;
        var until = endedAt.orElse(now);
        return until.isBefore(startedAt.get()) ? Duration.ZERO : Duration.between(startedAt.get(), until);
    }

    /** How long it was connected within {@code [from, to)}, counting an open session as connected until {@code now}. */
    public Duration connectedWithin(Instant from, Instant to, Instant now) {
        if (startedAt.isEmpty()) return Duration.ZERO;
        var start = startedAt.get().isBefore(from) ? from : startedAt.get();
        var end = endedAt.orElse(now);
        if (end.isAfter(to)) end = to;
        return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
    }

    private Instant latest(Instant now) {
        var floor = startedAt.orElse(createdAt);
        return now.isBefore(floor) ? floor : micros(now);
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
