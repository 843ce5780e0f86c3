package io.voicegate.http;

import io.voicegate.core.VoicegateException;

/** A browser request from an origin that is not in the allow list, or a cookie request that failed CSRF: 403. */
public final class OriginNotAllowed extends VoicegateException {

    private final String code;

    private OriginNotAllowed(String code, String message) {
        super(message);
        this.code = code;
    }

    static OriginNotAllowed origin() {
        return new OriginNotAllowed("origin_not_allowed", "Origin not allowed");
    }

    static OriginNotAllowed csrf() {
        return new OriginNotAllowed("csrf_failed",
                "A request authenticated by cookie must come from an allowed origin or carry the X-CSRF-Token header.");
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }
}
