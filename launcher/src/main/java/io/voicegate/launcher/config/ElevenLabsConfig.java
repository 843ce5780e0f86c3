package io.voicegate.launcher.config;

import io.voicegate.elevenlabs.ElevenLabsSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ElevenLabs Agents provider: the key and agent(s) for minting, the secrets that authenticate its webhooks and
 * server-tool calls, and what is kept of a call. Each part is off while its variables are empty.
 *
 * @param api             present when {@code ELEVENLABS_API_KEY} is set
 * @param agentId         the default agent; required with the API key
 * @param allowedAgentIds agents a client may ask for instead of the default (the default is always allowed)
 * @param webhookSecrets  post-call webhook secrets, newest first during rotation; empty = webhook route off
 * @param toolSecret      value of {@code X-Voicegate-Tool-Secret}; empty = tool route off
 * @param userVariables   facts about the user agents get besides the session reference, pseudonym and name
 */
public record ElevenLabsConfig(Optional<ElevenLabsSettings> api, Optional<String> agentId, List<String> allowedAgentIds,
                               List<String> webhookSecrets, Optional<String> toolSecret, long webhookMaxBytes,
                               boolean storeAudio, List<String> userVariables) {

    /** The extra user facts an operator may hand to agents; nothing else ever leaves. */
    public static final List<String> OPTIONAL_USER_VARIABLES = List.of("user_email", "user_locale");

    public static final Variable API_KEY = Variable.secret("ELEVENLABS_API_KEY",
            "ElevenLabs API key (xi-api-key); empty turns the ElevenLabs provider off.", "sk_...");
    public static final Variable BASE_URL = Variable.of("ELEVENLABS_BASE_URL", "https://api.elevenlabs.io",
            "ElevenLabs REST base URL (EU/India residency hosts, or a fake in tests).", "https://api.eu.residency.elevenlabs.io");
    public static final Variable AGENT_ID = Variable.of("ELEVENLABS_AGENT_ID", "",
            "The agent sessions talk to unless the request names an allowed other one.", "agent_01jx...");
    public static final Variable AGENT_IDS = Variable.of("ELEVENLABS_AGENT_IDS", "",
            "Comma-separated agent ids a client may ask for with agent_id; any other is refused (400).", "agent_a,agent_b");
    public static final Variable WEBHOOK_SECRETS = new Variable("ELEVENLABS_WEBHOOK_SECRETS", "",
            "Comma-separated post-call webhook secrets (several during rotation); empty turns the webhook route off.",
            "wsec_new...,wsec_old...", true);
    public static final Variable TOOL_SECRET = Variable.secret("ELEVENLABS_TOOL_SECRET",
            "Shared secret agents' server tools send as X-Voicegate-Tool-Secret (at least 16 characters); empty turns "
                    + "the tool route off.", "a-long-random-string");
    public static final Variable WEBHOOK_MAX_BYTES = Variable.of("ELEVENLABS_WEBHOOK_MAX_BYTES", "5242880",
            "Largest post-call webhook body accepted (413 above).", "10485760");
    public static final Variable STORE_AUDIO = Variable.of("STORE_AUDIO", "false",
            "Keep the call audio ElevenLabs sends after a call (post_call_audio); otherwise it is only acknowledged.", "true");

    public static final Variable USER_VARIABLES = Variable.of("ELEVENLABS_USER_VARIABLES", "",
            "Extra user facts agents receive as dynamic variables besides voicegate_session_ref, user_pseudonym and "
                    + "user_name: any of user_email, user_locale (default: none).", "user_locale");

    public static final List<Variable> VARIABLES = List.of(API_KEY, BASE_URL, AGENT_ID, AGENT_IDS, WEBHOOK_SECRETS,
            TOOL_SECRET, WEBHOOK_MAX_BYTES, STORE_AUDIO, USER_VARIABLES);

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String SIMULATED_AGENT = "agent_simulated";

    public ElevenLabsConfig {
        allowedAgentIds = List.copyOf(allowedAgentIds);
        webhookSecrets = List.copyOf(webhookSecrets);
        userVariables = List.copyOf(userVariables);
    }

    public static ElevenLabsConfig from(Env env) {
        var baseUrl = baseUrl(env);
        var key = env.optional(API_KEY);
        var agentId = env.optional(AGENT_ID);
        var allowed = env.list(AGENT_IDS);
        for (var id : allowed) {
            if (!id.matches("[A-Za-z0-9_-]{1,128}")) throw new ConfigException(AGENT_IDS, "agent ids of A-Z a-z 0-9 _ -", id);
        }
        if (agentId.isPresent() && !agentId.get().matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ConfigException(AGENT_ID, "an agent id of A-Z a-z 0-9 _ -", agentId.get());
        }
        if (key.isPresent() && agentId.isEmpty()) throw new ConfigException(AGENT_ID, "an agent id when ELEVENLABS_API_KEY is set");
        var toolSecret = env.optional(TOOL_SECRET);
        if (toolSecret.isPresent() && toolSecret.get().length() < 16) {
            throw new ConfigException(TOOL_SECRET, "at least 16 characters");
        }
        var userVariables = env.list(USER_VARIABLES);
        for (var name : userVariables) {
            if (!OPTIONAL_USER_VARIABLES.contains(name)) {
                throw new ConfigException(USER_VARIABLES, "any of " + String.join(", ", OPTIONAL_USER_VARIABLES), name);
            }
        }
        var api = key.map(k -> new ElevenLabsSettings(baseUrl, k, TIMEOUT));
        return new ElevenLabsConfig(api, agentId, allowed, env.list(WEBHOOK_SECRETS), toolSecret,
                env.longValue(WEBHOOK_MAX_BYTES, 1024, 1L << 30), env.bool(STORE_AUDIO), userVariables);
    }

    /**
     * The same policy against another upstream with its key (the simulated mode's fake); an unset agent becomes
     * {@value #SIMULATED_AGENT}.
     */
    public ElevenLabsConfig upstream(URI baseUrl, String apiKey) {
        return new ElevenLabsConfig(Optional.of(new ElevenLabsSettings(baseUrl, apiKey, TIMEOUT)),
                Optional.of(agentId.orElse(SIMULATED_AGENT)), allowedAgentIds, webhookSecrets, toolSecret,
                webhookMaxBytes, storeAudio, userVariables);
    }

    /** Whether a client may ask for this agent. */
    public boolean allowsAgent(String id) {
        return agentId.map(id::equals).orElse(false) || allowedAgentIds.contains(id);
    }

    private static URI baseUrl(Env env) {
        var text = env.text(BASE_URL);
        if (!text.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) throw new ConfigException(BASE_URL, "an http:// or https:// URL", text);
        return URI.create(text.replaceAll("/+$", ""));
    }

    @Override
    public String toString() {
        return "ElevenLabsConfig[api=" + api + ", agentId=" + agentId + ", allowedAgentIds=" + allowedAgentIds
                + ", webhookSecrets=" + webhookSecrets.size() + " (redacted), toolSecret="
                + (toolSecret.isPresent() ? "***" : "none") + ", webhookMaxBytes=" + webhookMaxBytes
                + ", storeAudio=" + storeAudio + ", userVariables=" + userVariables + "]";
    }
}
