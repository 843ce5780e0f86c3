package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.TranscriptStore;

import java.util.UUID;

class InMemoryTranscriptStoreTest extends TranscriptStoreContract {

    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryTranscriptStore store = new InMemoryTranscriptStore();

    @Override
    protected TranscriptStore store() {
        return store;
    }

    @Override
    protected SessionStore sessions() {
        return sessions;
    }

    @Override
    protected UserId newUser() {
        return new UserId(UUID.randomUUID());
    }
}
