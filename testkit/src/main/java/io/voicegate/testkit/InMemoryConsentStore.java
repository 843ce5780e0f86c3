package io.voicegate.testkit;

import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.PersonalData;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Consent history in memory, in append order; also its personal-data section ({@code consents}). Thread-safe. */
public final class InMemoryConsentStore implements ConsentStore, PersonalData {

    private final List<Consent> all = new ArrayList<>();

    @Override
    public synchronized void append(Consent consent) {
        if (all.stream().anyMatch(c -> c.id().equals(consent.id()))) {
            throw new IllegalStateException("consent " + consent.id() + " is already recorded");
        }
        all.add(consent);
    }

    @Override
    public synchronized List<Consent> history(UserId user) {
        return all.stream().filter(c -> c.user().equals(user))
                .sorted(java.util.Comparator.comparing(Consent::at).thenComparing(Consent::id)).toList();
    }

    @Override
    public synchronized Optional<Consent> latest(UserId user, Purpose purpose) {
        var mine = history(user).stream().filter(c -> c.purpose() == purpose).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }

    @Override
    public String section() {
        return "consents";
    }

    @Override
    public List<Consent> export(UserId user) {
        return history(user);
    }

    @Override
    public synchronized int erase(UserId user) {
        var mine = new ArrayList<>(history(user));
        all.removeAll(mine);
        return mine.size();
    }
}
