package io.voicegate.elevenlabs;

import io.voicegate.core.provider.Capabilities;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.CredentialRequest;
import io.voicegate.core.provider.ProviderOptionRefused;
import io.voicegate.core.provider.VoiceProvider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ElevenLabs Agents behind {@link VoiceProvider}: mode {@code websocket} mints a signed conversation URL, mode
 * {@code webrtc} a conversation token (with the conversation id ElevenLabs assigned); for both the session's variables
 * go back to the client as {@code dynamic_variables}, to pass in its conversation initiation. Mode {@code relay} hands
 * out a path on this server bound to the session ({@value #RELAY_PATH}{@code ?session_id=…}), which the client
 * connects to with its own Voicegate token: it never learns the agent id (unless it named one itself, which the path
 * then carries) nor the variables, which the relay sets itself. The agent is the configured default, or the
 * request's {@value #AGENT_OPTION} when policy allows it (400 otherwise). Thread-safe.
 */
public final class ElevenLabsVoiceProvider implements VoiceProvider {

    public static final String ID = "elevenlabs";
    public static final String AGENT_OPTION = "agent_id";
    static final String DYNAMIC_VARIABLES = "dynamic_variables";
    /** The relay route on this server; the HTTP surface makes it absolute. */
    public static final String RELAY_PATH = "/api/v1/elevenlabs/conversation";
    /** How long a relay path may wait for its client before the session expires. */
    public static final Duration CONNECT_WINDOW = Duration.ofMinutes(2);

    private final ElevenLabsClient client;
    private final String defaultAgent;
    private final Set<String> allowedAgents;
    private final List<ConnectionMode> modes;
    private final Clock clock;

    /**
     * @param allowedAgents agents a client may ask for besides the default
     * @param modes         the modes offered, the first being the default; {@code relay} only when the relay is wired
     */
    public ElevenLabsVoiceProvider(ElevenLabsClient client, String defaultAgent, List<String> allowedAgents,
                                   List<ConnectionMode> modes, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.defaultAgent = Objects.requireNonNull(defaultAgent, "defaultAgent");
        var allowed = new LinkedHashSet<String>(allowedAgents);
        allowed.add(defaultAgent);
        this.allowedAgents = Set.copyOf(allowed);
        this.modes = List.copyOf(modes);
        if (this.modes.isEmpty()) throw new IllegalArgumentException("modes must not be empty");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, false);
    }

    @Override
    public List<ConnectionMode> modes() {
        return modes;
    }

    @Override
    public List<String> models() {
        return List.of();
    }

    @Override
    public List<String> voices() {
        return List.of();
    }

    /** The agent a request talks to: its {@value #AGENT_OPTION} when allowed, otherwise the default. */
    public String agentFor(Map<String, String> options) {
        var requested = Optional.ofNullable(options.get(AGENT_OPTION));
        if (requested.isEmpty()) return defaultAgent;
        if (!allowedAgents.contains(requested.get())) {
            throw new ProviderOptionRefused(AGENT_OPTION, "Field '/" + AGENT_OPTION
                    + "' names an agent this server does not allow (see ELEVENLABS_AGENT_IDS).");
        }
        return requested.get();
    }

    @Override
    public ClientCredential mint(CredentialRequest request) {
        var agent = agentFor(request.options());
        if (request.mode() == ConnectionMode.RELAY) {
            var path = RELAY_PATH + "?session_id=" + request.session()
                    + request.option(AGENT_OPTION).map(named -> "&" + AGENT_OPTION + "=" + encode(named)).orElse("");
            return new ClientCredential("relay", Optional.of(path), Optional.empty(), clock.instant().plus(CONNECT_WINDOW),
                    Map.of());
        }
        var extra = new LinkedHashMap<String, Object>();
        extra.put(DYNAMIC_VARIABLES, request.variables());
        if (request.mode() == ConnectionMode.WEBRTC) {
            var token = client.conversationToken(agent);
            token.conversationId().ifPresent(id -> extra.put(ClientCredential.CONVERSATION_ID, id));
            return new ClientCredential("conversation_token", Optional.empty(), Optional.of(token.token()),
                    token.expiresAt(), extra);
        }
        if (request.mode() == ConnectionMode.WEBSOCKET) {
            var signed = client.signedUrl(agent);
            return new ClientCredential("signed_url", Optional.of(signed.url().toString()), Optional.empty(),
                    signed.expiresAt(), extra);
        }
        throw new IllegalStateException("mode " + request.mode() + " is not minted by ElevenLabs itself");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ElevenLabsVoiceProvider[agent=" + defaultAgent + ", modes=" + modes + "]";
    }
}
