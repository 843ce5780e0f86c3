package io.voicegate.core.provider;

import io.voicegate.core.VoicegateException;

import java.util.Map;
import java.util.Objects;

/**
 * The voice provider refused what the client asked for (a 4xx other than credentials and rate limits), e.g. an
 * unknown parameter or model. Carries the provider's code and, when it named one, the parameter at fault.
 */
public final class ProviderRejectedRequest extends VoicegateException {

    private final String code;
    private final Kind kind;
    private final String param;

    /** {@code param} may be null. */
    public ProviderRejectedRequest(String code, Kind kind, String clientSafeMessage, String param) {
        super(clientSafeMessage);
        this.code = Objects.requireNonNull(code, "code");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.param = param;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Map<String, Object> details() {
        return param == null ? Map.of() : Map.of("param", param);
    }
}
