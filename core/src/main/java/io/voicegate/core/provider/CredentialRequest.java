package io.voicegate.core.provider;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionId;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Voicegate asks a provider to mint a client credential for: one session of one user, in one mode, with the
 * model and voice already checked against the provider's policy and the longest the session may last.
 *
 * @param variables values the provider may hand to its agent (ElevenLabs dynamic variables, ...); never secrets
 * @param options   provider-specific choices the client made (e.g. ElevenLabs {@code agent_id}), unchecked: the
 *                  provider refuses one its policy does not allow with {@link ProviderOptionRefused}
 */
public record CredentialRequest(SessionId session, UserId user, ConnectionMode mode, Optional<String> model,
                                Optional<String> voice, Duration maxDuration, Map<String, String> variables,
                                Map<String, String> options) {

    public CredentialRequest {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(maxDuration, "maxDuration");
        variables = Map.copyOf(variables);
        options = Map.copyOf(options);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
