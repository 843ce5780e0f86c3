package io.voicegate.testkit;

import io.voicegate.core.identity.Account;
import io.voicegate.core.identity.AccountExists;
import io.voicegate.core.identity.Email;
import io.voicegate.core.identity.ExternalIdentity;
import io.voicegate.core.identity.PasswordHash;
import io.voicegate.core.identity.User;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link UserStore} must do; run against the in-memory fake and the database adapter. */
public abstract class UserStoreContract {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    protected abstract UserStore store();

    private static User user(String email) {
        return new User(new UserId(UUID.randomUUID()), Optional.ofNullable(email).map(Email::of),
                Optional.of("Ada"), AT);
    }

    @Test
    void finds_an_account_by_id_and_by_email_with_its_password_hash() {
        var store = store();
        var user = user("ada@example.com");
        store.add(Account.withPassword(user, new PasswordHash("$argon2id$v=19$hash")));

        assertThat(store.find(user.id())).contains(user);
        var account = store.findByEmail(Email.of("ADA@example.com")).orElseThrow();
        assertThat(account.user()).isEqualTo(user);
        assertThat(account.password()).contains(new PasswordHash("$argon2id$v=19$hash"));
        assertThat(account.external()).isEmpty();
    }

    @Test
    void refuses_a_second_account_with_the_same_email() {
        var store = store();
        store.add(Account.withPassword(user("bob@example.com"), new PasswordHash("h1")));
        assertThatThrownBy(() -> store.add(Account.withPassword(user("bob@example.com"), new PasswordHash("h2"))))
                .isInstanceOf(AccountExists.class);
    }

    @Test
    void maps_an_external_identity_to_exactly_one_user() {
        var store = store();
        var identity = new ExternalIdentity("https://issuer.example", "sub-1");
        var user = user(null);
        store.add(Account.external(user, identity));

        assertThat(store.findByExternal(identity)).contains(user);
        assertThat(store.findByExternal(new ExternalIdentity("https://issuer.example", "sub-2"))).isEmpty();
        assertThat(store.findByExternal(new ExternalIdentity("https://other.example", "sub-1"))).isEmpty();
        assertThatThrownBy(() -> store.add(Account.external(user(null), identity))).isInstanceOf(AccountExists.class);
    }

    @Test
    void a_deleted_account_is_gone() {
        var store = store();
        var user = user("carol@example.com");
        store.add(Account.withPassword(user, new PasswordHash("h")));

        assertThat(store.delete(user.id())).isTrue();
        assertThat(store.find(user.id())).isEmpty();
        assertThat(store.findByEmail(Email.of("carol@example.com"))).isEmpty();
        assertThat(store.delete(user.id())).isFalse();
    }

    @Test
    void unknown_lookups_are_empty() {
        var store = store();
        assertThat(store.find(new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(store.findByEmail(Email.of("nobody@example.com"))).isEmpty();
    }
}
