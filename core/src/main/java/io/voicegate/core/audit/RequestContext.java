package io.voicegate.core.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an action came from: the request id that ties log lines and audit events together, and the client address
 * (kept only as a keyed hash in the audit trail). Scheduled jobs use {@link #system(String)}.
 */
public record RequestContext(String requestId, Optional<String> clientIp) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientIp, "clientIp");
    }

    public static RequestContext of(String requestId, String clientIp) {
        return new RequestContext(requestId, Optional.ofNullable(clientIp));
    }

    /** A context for work no client asked for (sweepers, start-up recovery). */
    public static RequestContext system(String job) {
        return new RequestContext("system:" + job, Optional.empty());
    }
}
