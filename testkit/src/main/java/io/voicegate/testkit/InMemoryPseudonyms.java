package io.voicegate.testkit;

import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.identity.UserId;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Pseudonyms kept in memory: random per user until forgotten. Thread-safe. */
public final class InMemoryPseudonyms implements Pseudonyms {

    private final Map<UserId, String> byUser = new ConcurrentHashMap<>();

    @Override
    public String of(UserId user) {
        return byUser.computeIfAbsent(user, u -> "psn_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public void forget(UserId user) {
        byUser.remove(user);
    }
}
