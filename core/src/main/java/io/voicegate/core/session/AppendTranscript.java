package io.voicegate.core.session;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Merges a transcript the client held itself (WebRTC: the audio never passed through Voicegate) with the turns the
 * server captured. A message is skipped when the session already has it: from an earlier upload (same content-derived
 * item id), or from the server (a not yet matched turn with the same role and text; each server turn stands for one
 * message only, so an utterance said twice stays twice). Uploading twice, or uploading what the relay saw, never
 * duplicates a turn. Everything is checked before anything is stored, and stored in one transaction.
 */
public final class AppendTranscript {

    public static final int MAX_MESSAGES = 2000;

    public record Message(TurnRole role, String content, Instant timestamp) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    public record Command(UserId user, SessionId session, List<Message> messages, RequestContext request) {
        public Command {
            messages = List.copyOf(messages);
        }
    }

    /** @param stored false when the session does not keep transcripts (nothing was written) */
    public record Result(int received, int added, int duplicates, boolean stored) {
    }

    private final OwnedSessions owned;
    private final TranscriptStore transcripts;
    private final AuditTrail audit;

    public AppendTranscript(SessionStore sessions, TranscriptStore transcripts, AuditTrail audit) {
        this.owned = new OwnedSessions(sessions, audit);
        this.transcripts = transcripts;
        this.audit = audit;
    }

    /** Checks sizes without touching storage: 413 for too many messages or a message over 64 KiB. */
    public static void checkSize(int messageCount, List<String> contents) {
        if (messageCount > MAX_MESSAGES) {
            throw new TranscriptTooLarge("/messages", "A transcript upload holds at most " + MAX_MESSAGES + " messages.");
        }
        for (int i = 0; i < contents.size(); i++) {
            if (contents.get(i) != null && contents.get(i).getBytes(StandardCharsets.UTF_8).length > Turn.MAX_TEXT_BYTES) {
                throw new TranscriptTooLarge("/messages/" + i + "/content",
                        "Message " + i + " is longer than " + Turn.MAX_TEXT_BYTES + " bytes.");
            }
        }
    }

    public Result handle(Command command) {
        checkSize(command.messages().size(), command.messages().stream().map(Message::content).toList());
        var session = owned.require(command.user(), command.session(), "transcript.append", command.request());
        if (session.status() == SessionStatus.EXPIRED) {
            throw new SessionConflict(session.status(), "The session never connected; it has no transcript.");
        }
        if (!session.transcriptStored()) {
            // The owner did not consent to transcript storage: the text is dropped, the upload itself is audited.
            audit.actionOn(audit.pseudonymOf(command.user()), command.user(), "transcript.append", "transcript",
                    session.id().toString(), Outcome.SUCCESS, command.request(), "not_stored");
            return new Result(command.messages().size(), 0, 0, false);
        }
        var existing = transcripts.turns(session.id());
        var ids = command.messages().stream().map(AppendTranscript::clientItemId).toList();
        var uploaded = new HashSet<>(ids);
        var known = new HashSet<String>();
        existing.forEach(turn -> known.add(turn.itemId()));
        // Server turns a message may stand for, each at most once: saying "yes" twice is two turns.
        var unmatched = new HashMap<String, Integer>();
        for (var turn : existing) {
            if (!uploaded.contains(turn.itemId())) unmatched.merge(Turn.sameSaying(turn.role(), turn.text()), 1, Integer::sum);
        }
        var fresh = new ArrayList<Turn>();
        for (int i = 0; i < command.messages().size(); i++) {
            var message = command.messages().get(i);
            if (!known.add(ids.get(i))) continue;
            var saying = Turn.sameSaying(message.role(), message.content());
            if (unmatched.getOrDefault(saying, 0) > 0) {
                unmatched.merge(saying, -1, Integer::sum);
                continue;
            }
            fresh.add(new Turn(session.id(), ids.get(i), message.role(), message.content(), message.timestamp(),
                    message.timestamp()));
        }
        int added = fresh.isEmpty() ? 0 : transcripts.appendAll(fresh);
        audit.userAction(command.user(), "transcript.append", "transcript", session.id().toString(), Outcome.SUCCESS,
                command.request());
        return new Result(command.messages().size(), added, command.messages().size() - added, true);
    }

    /** A stable id for a client-held message: the same message uploaded twice gets the same id. */
    static String clientItemId(Message message) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(message.role().wire().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(message.timestamp().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(message.content().getBytes(StandardCharsets.UTF_8));
            return "client_" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
