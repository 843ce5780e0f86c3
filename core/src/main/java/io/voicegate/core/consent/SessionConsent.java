package io.voicegate.core.consent;

/**
 * What a user's consent allows for a session that is about to start (voice processing is given, or the session
 * would have been refused): whether its transcript text may be stored. Usage is recorded either way.
 */
public record SessionConsent(boolean storeTranscripts) {
}
