package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;

import java.util.UUID;

class InMemorySessionStoreTest extends SessionStoreContract {

    private final InMemorySessionStore store = new InMemorySessionStore();

    @Override
    protected SessionStore store() {
        return store;
    }

    @Override
    protected UserId newUser() {
        return new UserId(UUID.randomUUID());
    }
}
