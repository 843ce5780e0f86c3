package io.voicegate.launcher.config;

import io.voicegate.openai.OpenAiSettings;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OpenAI provider: the server's key and the upstream, and the policy every session gets (model allow-list,
 * locked voice and instructions, the server tools offered, how long an ephemeral key lives). Off while
 * {@code OPENAI_API_KEY} is empty.
 *
 * @param api       present when {@code OPENAI_API_KEY} is set
 * @param models    the allow-list, the first being the default
 * @param voice     the locked voice; empty lets a session choose any realtime voice
 * @param tools     names of the server tools offered to the model (empty: none)
 */
public record OpenAiConfig(Optional<OpenAiSettings> api, URI baseUrl, List<String> models, String voice,
                           String instructions, List<String> tools, Duration clientSecretTtl) {

    public static final Variable API_KEY = Variable.secret("OPENAI_API_KEY",
            "OpenAI API key; empty turns the OpenAI provider off (its routes answer 503).", "sk-proj-...");
    public static final Variable BASE_URL = Variable.of("OPENAI_BASE_URL", OpenAiSettings.DEFAULT_BASE_URL.toString(),
            "OpenAI REST base URL; the realtime WebSocket is derived from it (https -> wss).", "https://api.openai.com/v1");
    public static final Variable REALTIME_MODELS = Variable.of("OPENAI_REALTIME_MODELS", "gpt-realtime",
            "Comma-separated realtime models clients may use, the first being the default; any other is refused "
                    + "with 400 model_not_allowed.", "gpt-realtime,gpt-realtime-mini");
    public static final Variable VOICE = Variable.of("OPENAI_VOICE", "",
            "Voice every session speaks with; a client's other choice is overwritten (empty: the client chooses).", "marin");
    public static final Variable INSTRUCTIONS = Variable.of("OPENAI_INSTRUCTIONS", "",
            "Server instructions of every realtime session; a client cannot replace them.", "You are a friendly assistant.");
    public static final Variable TOOLS = Variable.of("OPENAI_TOOLS", "get_context",
            "Comma-separated server tools offered to the model and run by Voicegate; set it empty to offer none.",
            "get_context");
    public static final Variable CLIENT_SECRET_TTL_SECONDS = Variable.of("OPENAI_CLIENT_SECRET_TTL_SECONDS", "60",
            "Lifetime of the ephemeral keys Voicegate mints for clients (10 to 7200).", "120");

    public static final List<Variable> VARIABLES = List.of(API_KEY, BASE_URL, REALTIME_MODELS, VOICE, INSTRUCTIONS,
            TOOLS, CLIENT_SECRET_TTL_SECONDS);

    private static final String MODEL = "[A-Za-z0-9._:-]{1,64}";
    private static final String TOOL = "[A-Za-z0-9_-]{1,64}";

    public OpenAiConfig {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(baseUrl, "baseUrl");
        models = List.copyOf(models);
        Objects.requireNonNull(voice, "voice");
        Objects.requireNonNull(instructions, "instructions");
        tools = List.copyOf(tools);
        Objects.requireNonNull(clientSecretTtl, "clientSecretTtl");
        if (models.isEmpty()) throw new IllegalArgumentException("at least one model");
    }

    public static OpenAiConfig from(Env env) {
        var baseUrl = baseUrl(env);
        var models = env.list(REALTIME_MODELS);
        if (models.isEmpty()) throw new ConfigException(REALTIME_MODELS, "at least one model name");
        for (var model : models) {
            if (!model.matches(MODEL)) throw new ConfigException(REALTIME_MODELS, "model names of A-Z a-z 0-9 . _ : -", model);
        }
        var voice = env.text(VOICE);
        if (!voice.isEmpty() && !voice.matches("[A-Za-z0-9_-]{1,64}")) throw new ConfigException(VOICE, "a voice name", voice);
        var tools = env.isSetEmpty(TOOLS) ? List.<String>of() : env.list(TOOLS);
        for (var tool : tools) {
            if (!tool.matches(TOOL)) throw new ConfigException(TOOLS, "tool names of A-Z a-z 0-9 _ -", tool);
        }
        var ttl = Duration.ofSeconds(env.integer(CLIENT_SECRET_TTL_SECONDS, 10, 7200));
        var key = env.optional(API_KEY);
        var api = key.map(k -> OpenAiSettings.of(baseUrl, k));
        return new OpenAiConfig(api, baseUrl, models, voice, env.text(INSTRUCTIONS), tools, ttl);
    }

    /** The same policy against another upstream (the simulated mode's fake), with its key. */
    public OpenAiConfig upstream(URI otherBaseUrl, String key) {
        return new OpenAiConfig(Optional.of(OpenAiSettings.of(otherBaseUrl, key)), otherBaseUrl, models, voice,
                instructions, tools, clientSecretTtl);
    }

    private static URI baseUrl(Env env) {
        var text = env.text(BASE_URL);
        if (!text.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) throw new ConfigException(BASE_URL, "an http:// or https:// URL", text);
        return URI.create(text.replaceAll("/+$", ""));
    }

    @Override
    public String toString() {
        return "OpenAiConfig[api=" + api.map(a -> "configured").orElse("none") + ", baseUrl=" + baseUrl + ", models="
                + models + ", voice=" + voice + ", tools=" + tools + ", clientSecretTtl=" + clientSecretTtl
                + "]";
    }
}
