package io.voicegate.core.privacy;

import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Everything held about one person, section by section, as plain values a JSON writer understands. */
public record UserDataExport(UserId user, Instant exportedAt, Map<String, Object> sections) {

    public UserDataExport {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(exportedAt, "exportedAt");
        sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }
}
