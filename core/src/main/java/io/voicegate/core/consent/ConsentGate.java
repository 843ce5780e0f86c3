package io.voicegate.core.consent;

import io.voicegate.core.identity.UserId;

import java.util.Objects;

/**
 * The consent checks other use cases make: session minting and relay opening call {@link #requireVoiceProcessing},
 * transcript persistence asks {@link #mayStoreTranscripts}. Thread-safe; reads only the latest answers.
 */
public final class ConsentGate {

    private final ConsentStore consents;
    private final ConsentPolicy policy;

    public ConsentGate(ConsentStore consents, ConsentPolicy policy) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** @throws ConsentRequired naming the purpose and the version needed, when the user's consent is not current */
    public void require(UserId user, Purpose purpose) {
        if (!allows(user, purpose)) throw new ConsentRequired(purpose, policy.requiredVersion(purpose));
    }

    /** @throws ConsentRequired unless the user currently consents to voice processing (needed for any session) */
    public void requireVoiceProcessing(UserId user) {
        require(user, Purpose.VOICE_PROCESSING);
    }

    /**
     * The one call session minting and relay opening make: refuses without current voice-processing consent and
     * says whether the session's transcript text may be stored (the session resource reports it as
     * {@code transcript_stored}).
     *
     * @throws ConsentRequired naming {@code voice_processing} and the version needed
     */
    public SessionConsent forNewSession(UserId user) {
        requireVoiceProcessing(user);
        return new SessionConsent(mayStoreTranscripts(user));
    }

    /** Whether the user's latest answer grants the purpose at the version required now. */
    public boolean allows(UserId user, Purpose purpose) {
        return consents.latest(user, purpose).map(c -> c.isCurrent(policy.requiredVersion(purpose))).orElse(false);
    }

    /** Whether transcript text may be stored for the user (usage is recorded either way). */
    public boolean mayStoreTranscripts(UserId user) {
        return allows(user, Purpose.TRANSCRIPT_STORAGE);
    }
}
