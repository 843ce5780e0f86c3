package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.PersonalData;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The {@code profile} section of a person's data: their row in {@code users}. Erased last. Thread-safe. */
public final class JdbiProfileData implements PersonalData, PersonalTables {

    /** A user's profile as exported. */
    public record Profile(UUID id, Optional<String> email, Optional<String> displayName, Optional<String> locale,
                          Instant createdAt) {
    }

    private final Jdbi jdbi;

    public JdbiProfileData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String section() {
        return "profile";
    }

    @Override
    public Optional<Profile> export(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, email, display_name, locale, created_at FROM users "
                        + "WHERE id = :user")
                .bind("user", user.value())
                .map((rs, ctx) -> new Profile(Timestamps.uuid(rs, "id"), Timestamps.text(rs, "email"),
                        Timestamps.text(rs, "display_name"), Timestamps.text(rs, "locale"),
                        Timestamps.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public int erase(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM users WHERE id = :user")
                .bind("user", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("users");
    }
}
