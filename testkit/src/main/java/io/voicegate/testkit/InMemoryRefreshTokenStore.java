package io.voicegate.testkit;

import io.voicegate.core.identity.RefreshToken;
import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens in memory, by hash. Thread-safe. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {

    private final Map<String, RefreshToken> byHash = new HashMap<>();

    @Override
    public synchronized void add(RefreshToken token) {
        if (byHash.putIfAbsent(token.hash(), token) != null) throw new IllegalStateException("duplicate refresh token hash");
    }

    @Override
    public synchronized Optional<RefreshToken> find(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public synchronized boolean markUsed(String hash, Instant at) {
        var token = byHash.get(hash);
        if (token == null || token.usedAt().isPresent()) return false;
        byHash.put(hash, new RefreshToken(token.hash(), token.family(), token.user(), token.issuedAt(),
                token.expiresAt(), Optional.of(at), token.revoked()));
        return true;
    }

    @Override
    public synchronized int revokeFamily(UUID family) {
        int count = 0;
        for (var entry : byHash.entrySet()) {
            var token = entry.getValue();
            if (token.family().equals(family) && !token.revoked()) {
                entry.setValue(new RefreshToken(token.hash(), token.family(), token.user(), token.issuedAt(),
                        token.expiresAt(), token.usedAt(), true));
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized int deleteExpired(Instant before) {
        int size = byHash.size();
        byHash.values().removeIf(t -> t.expiresAt().isBefore(before));
        return size - byHash.size();
    }

    /** Drops a deleted user's tokens, as the database's foreign key does. */
    public synchronized void deleteUser(UserId user) {
        byHash.values().removeIf(t -> t.user().equals(user));
    }
}
