package io.voicegate.testkit;

import io.voicegate.core.identity.Account;
import io.voicegate.core.identity.AccountExists;
import io.voicegate.core.identity.Email;
import io.voicegate.core.identity.ExternalIdentity;
import io.voicegate.core.identity.User;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Accounts in memory, with the unique email and external identity rules of the real store. Thread-safe. */
public final class InMemoryUserStore implements UserStore {

    private final Map<UserId, Account> accounts = new LinkedHashMap<>();

    @Override
    public synchronized void add(Account account) {
        var user = account.user();
        for (var existing : accounts.values()) {
            boolean sameEmail = user.email().isPresent() && existing.user().email().equals(user.email());
            boolean sameExternal = account.external().isPresent() && existing.external().equals(account.external());
            if (sameEmail || sameExternal || existing.user().id().equals(user.id())) throw new AccountExists();
        }
        accounts.put(user.id(), account);
    }

    @Override
    public synchronized Optional<User> find(UserId id) {
        return Optional.ofNullable(accounts.get(id)).map(Account::user);
    }

    @Override
    public synchronized Optional<Account> findByEmail(Email email) {
        return accounts.values().stream().filter(a -> a.user().email().equals(Optional.of(email))).findFirst();
    }

    @Override
    public synchronized Optional<User> findByExternal(ExternalIdentity identity) {
        return accounts.values().stream().filter(a -> a.external().equals(Optional.of(identity)))
                .map(Account::user).findFirst();
    }

    @Override
    public synchronized boolean delete(UserId id) {
        return accounts.remove(id) != null;
    }
}
