package io.voicegate.testkit;

import io.voicegate.core.audit.AuditLog;
import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;
import io.voicegate.core.limits.RateLimiter;
import org.junit.jupiter.api.Nested;

/** The in-memory fakes keep the same contracts as the database adapters. */
class InMemoryStoresTest {

    @Nested
    class Consents extends ConsentStoreContract {
        @Override
        protected ConsentStore newStore() {
            return new InMemoryConsentStore();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newStore() {
            return new InMemoryAuditLog();
        }
    }

    @Nested
    class PseudonymKeys extends PseudonymsContract {
        @Override
        protected Pseudonyms newStore() {
            return new InMemoryPseudonyms();
        }
    }

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
