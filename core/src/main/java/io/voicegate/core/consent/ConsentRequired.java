package io.voicegate.core.consent;

import io.voicegate.core.VoicegateException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The user has no current consent for a purpose an action needs: 403 {@code consent_required}. */
public final class ConsentRequired extends VoicegateException {

    private final Purpose purpose;
    private final int requiredVersion;

    public ConsentRequired(Purpose purpose, int requiredVersion) {
        super("Consent to '" + purpose.id() + "' at policy version " + requiredVersion + " is required first.");
        this.purpose = purpose;
        this.requiredVersion = requiredVersion;
    }

    public Purpose purpose() {
        return purpose;
    }

    public int requiredVersion() {
        return requiredVersion;
    }

    @Override
    public String code() {
        return "consent_required";
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }

    @Override
    public Map<String, Object> details() {
        var details = new LinkedHashMap<String, Object>();
        details.put("purpose", purpose.id());
        details.put("required_version", requiredVersion);
        return details;
    }
}
