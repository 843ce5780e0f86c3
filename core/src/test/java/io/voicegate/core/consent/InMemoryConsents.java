package io.voicegate.core.consent;

import io.voicegate.core.identity.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A list-backed consent store for core tests. Not thread-safe. */
final class InMemoryConsents implements ConsentStore {

    final List<Consent> all = new ArrayList<>();

    @Override
    public void append(Consent consent) {
        all.add(consent);
    }

    @Override
    public List<Consent> history(UserId user) {
        return all.stream().filter(c -> c.user().equals(user)).toList();
    }

    @Override
    public Optional<Consent> latest(UserId user, Purpose purpose) {
        return all.stream().filter(c -> c.user().equals(user) && c.purpose() == purpose)
                .max(Comparator.comparing(Consent::at).thenComparing(c -> all.indexOf(c)));
    }
}
