package io.voicegate.testkit;

import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.TokenVerifier;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A token verifier for route tests: tokens are issued here by hand and map to principals. Thread-safe. */
public final class StaticTokenVerifier implements TokenVerifier {

    private final Map<String, Principal> principals = new ConcurrentHashMap<>();

    /** Issues a token for the user, authenticated now by a Voicegate token. */
    public String issue(UserId user, Instant issuedAt) {
        return issue(user, issuedAt, Principal.AuthenticationMethod.VOICEGATE_TOKEN);
    }

    /** Issues a token for the user as if proven by the given method (e.g. an external identity provider). */
    public String issue(UserId user, Instant issuedAt, Principal.AuthenticationMethod method) {
        var token = "test-token-" + user.value();
        principals.put(token, new Principal(user, method, issuedAt));
        return token;
    }

    @Override
    public Principal verify(String token) {
        var principal = principals.get(token);
        if (principal == null) throw new Unauthenticated();
        return principal;
    }
}
