package io.voicegate.launcher;

import io.voicegate.launcher.config.ElevenLabsConfig;
import io.voicegate.launcher.config.OpenAiConfig;
import io.voicegate.testkit.openai.FakeOpenAi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Optional;

/**
 * The simulated mode ({@code --simulate}, {@code VOICEGATE_SIMULATE=true}): the testkit's fake providers run
 * in-process on loopback and the adapters are pointed at them with throw-away keys, so every path can be tried
 * without a provider account. Started before the adapters are wired, closed after the server stopped. Each provider
 * adds its fake here.
 */
final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final Optional<FakeOpenAi> openAi;
    private final Optional<ElevenLabsSimulation> elevenLabs;

    private Simulation(Optional<FakeOpenAi> openAi, Optional<ElevenLabsSimulation> elevenLabs) {
        this.openAi = openAi;
        this.elevenLabs = elevenLabs;
    }

    /** Nothing simulated. */
    static Simulation off() {
        return new Simulation(Optional.empty(), Optional.empty());
    }

    static Simulation start(boolean enabled) {
        if (!enabled) return off();
        var openAi = FakeOpenAi.start();
        try {
            var elevenLabs = ElevenLabsSimulation.start();
            LOG.warn("SIMULATED MODE: provider answers are simulated by built-in fakes; no real provider is called "
                    + "(OpenAI at {})", openAi.baseUrl());
            return new Simulation(Optional.of(openAi), Optional.of(elevenLabs));
        } catch (RuntimeException e) {
            openAi.close();
            throw e;
        }
    }

    boolean active() {
        return openAi.isPresent();
    }

    /** Whether this provider's answers come from a fake. */
    boolean simulates(String provider) {
        return provider.equals("openai") && openAi.isPresent() || provider.equals("elevenlabs") && elevenLabs.isPresent();
    }

    /** The OpenAI configuration to wire: the operator's, or the same policy against the fake. */
    OpenAiConfig openAi(OpenAiConfig config) {
        return openAi.map(fake -> config.upstream(URI.create(fake.baseUrl()), fake.apiKey())).orElse(config);
    }

    /** The ElevenLabs configuration to wire: the operator's, or the same policy against the fake. */
    ElevenLabsConfig elevenLabs(ElevenLabsConfig config) {
        return elevenLabs.map(fake -> fake.configure(config)).orElse(config);
    }

    @Override
    public void close() {
        openAi.ifPresent(FakeOpenAi::close);
        elevenLabs.ifPresent(ElevenLabsSimulation::close);
    }
}
