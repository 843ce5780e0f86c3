package io.voicegate.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a session list and, when more follow, the cursor that fetches the next page. */
public record SessionPage(List<VoiceSession> sessions, Optional<String> nextCursor) {

    public SessionPage {
        sessions = List.copyOf(sessions);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
