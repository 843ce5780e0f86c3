package io.voicegate.core.consent;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** The policy version each purpose currently requires; raising a version makes older answers outdated. */
public record ConsentPolicy(Map<Purpose, Integer> requiredVersions) {

    public ConsentPolicy {
        Objects.requireNonNull(requiredVersions, "requiredVersions");
        var copy = new EnumMap<Purpose, Integer>(Purpose.class);
        for (var purpose : Purpose.values()) {
            var version = requiredVersions.get(purpose);
            if (version == null) throw new IllegalArgumentException("no required version for " + purpose.id());
            if (version < 1) throw new IllegalArgumentException(purpose.id() + " version must be >= 1, was " + version);
            copy.put(purpose, version);
        }
        requiredVersions = Map.copyOf(copy);
    }

    /** Every purpose at version 1. */
    public static ConsentPolicy defaults() {
        return of(1, 1);
    }

    public static ConsentPolicy of(int voiceProcessing, int transcriptStorage) {
        return new ConsentPolicy(Map.of(Purpose.VOICE_PROCESSING, voiceProcessing,
                Purpose.TRANSCRIPT_STORAGE, transcriptStorage));
    }

    public int requiredVersion(Purpose purpose) {
        return requiredVersions.get(purpose);
    }
}
