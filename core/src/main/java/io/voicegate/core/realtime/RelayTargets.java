package io.voicegate.core.realtime;

/**
 * Finds the relay target of one provider for a model the caller asked for; the provider adapter implements it (the
 * launcher wires it), so the HTTP surface stays provider-neutral. Thread-safe. The model was checked against the
 * allow-list before this is called.
 */
@FunctionalInterface
public interface RelayTargets {

    RelayTarget forModel(String model);
}
