package io.voicegate.testkit;

import io.voicegate.core.identity.RefreshToken;
import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link RefreshTokenStore} must do; run against the in-memory fake and the database adapter. */
public abstract class RefreshTokenStoreContract {

    protected static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    /** A store in which {@code user} exists (the database keeps a foreign key to users). */
    protected abstract RefreshTokenStore store(UserId user);

    private static RefreshToken token(String hash, UUID family, UserId user, Instant expires) {
        return new RefreshToken(hash, family, user, AT, expires, Optional.empty(), false);
    }

    @Test
    void finds_a_token_by_its_hash() {
        var user = new UserId(UUID.randomUUID());
        var store = store(user);
        var family = UUID.randomUUID();
        var token = token("a".repeat(64), family, user, AT.plus(Duration.ofDays(30)));
        store.add(token);

        assertThat(store.find("a".repeat(64))).contains(token);
        assertThat(store.find("b".repeat(64))).isEmpty();
    }

    @Test
    void a_token_can_be_marked_used_only_once() {
        var user = new UserId(UUID.randomUUID());
        var store = store(user);
        store.add(token("c".repeat(64), UUID.randomUUID(), user, AT.plus(Duration.ofDays(1))));

        assertThat(store.markUsed("c".repeat(64), AT.plusSeconds(5))).isTrue();
        assertThat(store.markUsed("c".repeat(64), AT.plusSeconds(6))).isFalse();
        assertThat(store.find("c".repeat(64)).orElseThrow().usedAt()).contains(AT.plusSeconds(5));
        assertThat(store.markUsed("unknown", AT)).isFalse();
    }

    @Test
    void revoking_a_family_revokes_every_token_of_it_and_no_other() {
        var user = new UserId(UUID.randomUUID());
        var store = store(user);
        var family = UUID.randomUUID();
        store.add(token("d".repeat(64), family, user, AT.plus(Duration.ofDays(1))));
        store.add(token("e".repeat(64), family, user, AT.plus(Duration.ofDays(1))));
        store.add(token("f".repeat(64), UUID.randomUUID(), user, AT.plus(Duration.ofDays(1))));

        assertThat(store.revokeFamily(family)).isEqualTo(2);
        assertThat(store.find("d".repeat(64)).orElseThrow().revoked()).isTrue();
        assertThat(store.find("e".repeat(64)).orElseThrow().revoked()).isTrue();
        assertThat(store.find("f".repeat(64)).orElseThrow().revoked()).isFalse();
        assertThat(store.revokeFamily(family)).isZero();
    }

    @Test
    void deletes_only_expired_tokens() {
        var user = new UserId(UUID.randomUUID());
        var store = store(user);
        store.add(token("1".repeat(64), UUID.randomUUID(), user, AT.plusSeconds(10)));
        store.add(token("2".repeat(64), UUID.randomUUID(), user, AT.plusSeconds(100)));

        assertThat(store.deleteExpired(AT.plusSeconds(50))).isEqualTo(1);
        assertThat(store.find("1".repeat(64))).isEmpty();
        assertThat(store.find("2".repeat(64))).isPresent();
    }
}
