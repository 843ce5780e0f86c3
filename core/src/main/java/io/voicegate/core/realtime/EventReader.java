package io.voicegate.core.realtime;

/**
 * Tells the bridge what a provider-protocol frame means, without re-encoding it and without decoding audio payloads.
 *
 * <p>One implementation per provider protocol (OpenAI Realtime, Gemini Live, ElevenLabs, ...). Called for every
 * frame, so it must be cheap on audio frames (find the event kind, return {@link FrameMeaning#NOTHING} without
 * allocating). Thread-safe and stateless, or safe for the one relay it serves. Never returns null and never throws
 * on malformed input: an unreadable frame means {@link FrameMeaning#NOTHING}.
 */
public interface EventReader {

    /** A frame the client sent towards the provider. */
    FrameMeaning fromClient(String frame);

    /** A frame the provider sent towards the client. */
    FrameMeaning fromUpstream(String frame);
}
