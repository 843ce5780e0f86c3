package io.voicegate.core.provider;

import java.util.List;
import java.util.Optional;

/**
 * One realtime voice provider (OpenAI Realtime, ElevenLabs Agents, Gemini Live, ...) as Voicegate sees it: what it
 * can do, what policy allows on it, and how to mint a credential a client connects with.
 *
 * <p>Implementations are thread-safe and never expose their key, neither in a credential nor in a message.
 */
public interface VoiceProvider {

    /** Stable lower-case id used in requests and records, e.g. {@code openai}. */
    String id();

    /** Whether the provider can be used now (its key and settings are present). */
    boolean configured();

    Capabilities capabilities();

    /** The modes clients may use with this provider, the first being the default. Never empty. */
    List<ConnectionMode> modes();

    /** The models policy allows, the first being the default; empty when the provider has no model choice. */
    List<String> models();

    /** The voices policy allows, the first being the default; empty when the voice is fixed by the provider. */
    List<String> voices();

    /**
     * Mints a short-lived credential for one session.
     *
     * @throws ProviderNotConfigured when {@link #configured()} is false
     * @throws ProviderUnavailable   when the provider fails or cannot be reached (the cause is kept, the message is
     *                               client-safe)
     */
    ClientCredential mint(CredentialRequest request);

    default ConnectionMode defaultMode() {
        return modes().get(0);
    }

    default Optional<String> defaultModel() {
        return models().stream().findFirst();
    }

    default Optional<String> defaultVoice() {
        return voices().stream().findFirst();
    }
}
