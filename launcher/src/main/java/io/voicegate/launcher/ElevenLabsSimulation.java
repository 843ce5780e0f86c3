package io.voicegate.launcher;

import io.voicegate.launcher.config.ElevenLabsConfig;
import io.voicegate.testkit.FakeElevenLabs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElevenLabs in the simulated mode ({@code --simulate}): the testkit's fake platform on loopback, and the operator's
 * ElevenLabs policy (agents, webhook and tool secrets, audio) pointed at it with a throw-away key. Started before
 * the adapters are wired, closed after the server stopped.
 */
final class ElevenLabsSimulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenLabsSimulation.class);
    static final String KEY = "xi-simulated-key-not-a-secret";

    private final FakeElevenLabs fake;

    private ElevenLabsSimulation(FakeElevenLabs fake) {
        this.fake = fake;
    }

    static ElevenLabsSimulation start() {
        var fake = FakeElevenLabs.start(KEY);
        LOG.warn("SIMULATED MODE: ElevenLabs answers come from a built-in fake at {}", fake.baseUrl());
        return new ElevenLabsSimulation(fake);
    }

    /** The configuration to wire: the same policy against the fake. */
    ElevenLabsConfig configure(ElevenLabsConfig config) {
        return config.upstream(fake.baseUrl(), KEY);
    }

    @Override
    public void close() {
        fake.close();
    }
}
