package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.usage.ApiUsageStore;

import java.util.UUID;

class InMemoryApiUsageStoreTest extends ApiUsageStoreContract {

    @Override
    protected ApiUsageStore store() {
        return new InMemoryApiUsageStore();
    }

    @Override
    protected UserId newUser() {
        return new UserId(UUID.randomUUID());
    }
}
