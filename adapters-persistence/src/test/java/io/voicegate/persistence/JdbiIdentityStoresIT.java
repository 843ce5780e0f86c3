package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.identity.Account;
import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.User;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;
import io.voicegate.testkit.RefreshTokenStoreContract;
import io.voicegate.testkit.UserStoreContract;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity store contracts on H2 and on PostgreSQL, plus what only a database does (cascading deletes). */
class JdbiIdentityStoresIT {

    private static final List<HikariDataSource> POOLS = new ArrayList<>();

    static Jdbi jdbi(String kind) {
        var pool = TestDatabases.migrated(TestDatabases.of(kind));
        synchronized (POOLS) {
            POOLS.add(pool);
        }
        return Jdbi.create(pool);
    }

    @AfterEach
    void closePools() {
        synchronized (POOLS) {
            POOLS.forEach(HikariDataSource::close);
            POOLS.clear();
        }
    }

    static RefreshTokenStore refreshTokens(String kind, UserId user) {
        var jdbi = jdbi(kind);
        new JdbiUserStore(jdbi).add(Account.withPassword(
                new User(user, Optional.empty(), Optional.empty(), Instant.parse("2025-01-01T00:00:00Z")),
                new io.voicegate.core.identity.PasswordHash("h")));
        return new JdbiRefreshTokenStore(jdbi);
    }

    @Nested
    class UsersOnH2 extends UserStoreContract {
        @Override
        protected UserStore store() {
            return new JdbiUserStore(jdbi("h2"));
        }
    }

    @Nested
    class UsersOnPostgres extends UserStoreContract {
        @Override
        protected UserStore store() {
            return new JdbiUserStore(jdbi("postgres"));
        }
    }

    @Nested
    class RefreshTokensOnH2 extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store(UserId user) {
            return refreshTokens("h2", user);
        }
    }

    @Nested
    class RefreshTokensOnPostgres extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store(UserId user) {
            return refreshTokens("postgres", user);
        }
    }

    @Test
    void deleting_a_user_deletes_their_refresh_tokens() {
        var jdbi = jdbi("h2");
        var users = new JdbiUserStore(jdbi);
        var user = new UserId(UUID.randomUUID());
        users.add(Account.withPassword(new User(user, Optional.empty(), Optional.empty(), Instant.EPOCH),
                new io.voicegate.core.identity.PasswordHash("h")));
        var tokens = new JdbiRefreshTokenStore(jdbi);
        tokens.add(new io.voicegate.core.identity.RefreshToken("9".repeat(64), UUID.randomUUID(), user, Instant.EPOCH,
                Instant.EPOCH.plusSeconds(60), Optional.empty(), false));

        users.delete(user);

        assertThat(tokens.find("9".repeat(64))).isEmpty();
    }
}
