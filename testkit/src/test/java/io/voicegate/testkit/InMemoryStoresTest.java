package io.voicegate.testkit;

import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;
import io.voicegate.core.limits.RateLimiter;
import org.junit.jupiter.api.Nested;

/** The identity contracts, run against the in-memory fakes. */
class InMemoryStoresTest {

    @Nested
    class Users extends UserStoreContract {
        @Override
        protected UserStore store() {
            return new InMemoryUserStore();
        }
    }

    @Nested
    class RefreshTokens extends RefreshTokenStoreContract {
        @Override
        protected RefreshTokenStore store(UserId user) {
            return new InMemoryRefreshTokenStore();
        }
    }

    @Nested
    class Limiter extends RateLimiterContract {
        @Override
        protected RateLimiter limiter(MutableClock clock) {
            return new InMemoryRateLimiter(clock);
        }
    }
}
