package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.util.List;
import java.util.Map;

/** The request names a provider Voicegate does not know: 400, listing the ones it knows. */
public final class UnknownProvider extends VoicegateException {

    private final List<String> known;

    public UnknownProvider(String requested, List<String> known) {
        super("Unknown provider" + (requested.length() <= 64 && requested.matches("[A-Za-z0-9_.-]*") ? " '" + requested + "'" : "")
                + "; known providers: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
        this.known = List.copyOf(known);
    }

    @Override
    public String code() {
        return "unknown_provider";
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("pointer", "/provider", "known_providers", known);
    }
}
