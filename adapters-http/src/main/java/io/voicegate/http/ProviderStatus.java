package io.voicegate.http;

/** Whether a provider is configured (has its key), and whether its answers are simulated. Never holds a key. */
public record ProviderStatus(String id, boolean configured, boolean simulated) {
}
