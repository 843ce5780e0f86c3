package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.usage.UsageStore;

import java.util.UUID;

class InMemoryUsageStoreTest extends UsageStoreContract {

    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryUsageStore store = new InMemoryUsageStore();

    @Override
    protected UsageStore store() {
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
