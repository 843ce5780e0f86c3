package io.voicegate.core.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** A position in a newest-first list of sessions: the last one seen. Opaque to clients (base64url text). */
public record SessionCursor(Instant createdAt, SessionId id) {

    public SessionCursor {
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(id, "id");
    }

    public static SessionCursor after(VoiceSession session) {
        return new SessionCursor(session.createdAt(), session.id());
    }

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        var text = micros + ":" + id.value();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this class wrote. */
    public static Optional<SessionCursor> decode(String text) {
        try {
            if (text.length() > 100) return Optional.empty();
            var decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            var colon = decoded.indexOf(':');
            if (colon < 1) return Optional.empty();
            long micros = Long.parseLong(decoded.substring(0, colon));
            var id = UUID.fromString(decoded.substring(colon + 1));
            var at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return Optional.of(new SessionCursor(at, new SessionId(id)));
        } catch (IllegalArgumentException | java.time.DateTimeException notACursor) {
            return Optional.empty();
        }
    }
}
