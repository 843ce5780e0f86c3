package io.voicegate.core.session;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One finished turn of a transcript. {@code itemId} is the provider's id for the turn (e.g. an OpenAI conversation
 * item id), or a content-derived id for turns a client submitted; a session never holds two turns with one item id.
 */
public record Turn(SessionId session, String itemId, TurnRole role, String text, Instant startedAt, Instant endedAt) {

    public static final int MAX_ITEM_ID_LENGTH = 200;
    public static final int MAX_TEXT_BYTES = 64 * 1024;

    public Turn {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MICROS);
        endedAt = Objects.requireNonNull(endedAt, "endedAt").truncatedTo(ChronoUnit.MICROS);
        if (itemId.isEmpty() || itemId.length() > MAX_ITEM_ID_LENGTH) {
            throw new IllegalArgumentException("itemId must have 1 to " + MAX_ITEM_ID_LENGTH + " characters");
        }
        if (endedAt.isBefore(startedAt)) throw new IllegalArgumentException("a turn cannot end before it starts");
        if (textBytes(text) > MAX_TEXT_BYTES) throw new IllegalArgumentException("turn text over " + MAX_TEXT_BYTES + " bytes");
    }

    /** Whether this turn says the same as another, ignoring spacing and case (to merge client and server copies). */
    public boolean saysSameAs(TurnRole otherRole, String otherText) {
        return sameSaying(role, text).equals(sameSaying(otherRole, otherText));
    }

    /** Equal for two (role, text) pairs exactly when {@link #saysSameAs} holds. */
    static String sameSaying(TurnRole role, String text) {
        return role.wire() + "\u0000" + normalised(text);
    }

    static int textBytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
