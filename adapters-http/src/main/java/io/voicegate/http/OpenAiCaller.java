package io.voicegate.http;

import io.javalin.http.Context;
import io.voicegate.core.identity.Principal;

import java.util.Objects;

/**
 * Who may call a {@code /openai/v1} REST route: an authenticated Voicegate user, on a server that has an OpenAI key.
 * Authentication comes first, so an anonymous caller learns nothing about the server's configuration.
 */
final class OpenAiCaller {

    private final Authenticator authenticator;
    private final OpenAiUpstream upstream;

    OpenAiCaller(Authenticator authenticator, OpenAiUpstream upstream) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    /** The authenticated caller (401 otherwise), on a server that has an OpenAI key (503 otherwise). */
    Principal require(Context ctx) {
        var principal = authenticator.require(ctx);
        if (!upstream.configured()) throw new OpenAiNotConfigured();
        return principal;
    }
}
