package io.voicegate.testkit;

import io.voicegate.core.IdGenerator;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids (00000000-0000-4000-8000-000000000001, ...) so tests can name what they expect. Thread-safe. */
public final class SequentialIds implements IdGenerator {

    private final AtomicLong counter = new AtomicLong();

    @Override
    public UUID next() {
        return new UUID(0x0000_0000_0000_4000L, 0x8000_0000_0000_0000L | counter.incrementAndGet());
    }
}
