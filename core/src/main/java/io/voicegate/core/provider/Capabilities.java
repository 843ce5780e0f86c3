package io.voicegate.core.provider;

/**
 * What a provider can do beyond talking: report transcripts of both sides, call server-side tools, bridge phone
 * calls.
 */
public record Capabilities(boolean transcripts, boolean tools, boolean telephony) {
}
