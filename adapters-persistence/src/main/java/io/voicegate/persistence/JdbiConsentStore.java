package io.voicegate.persistence;

import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.PersonalData;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Consent history in the {@code consents} table (insert only), and its personal-data section. Thread-safe. */
public final class JdbiConsentStore implements ConsentStore, PersonalData, PersonalTables {

    private static final String COLUMNS = "id, user_id, purpose, policy_version, granted, answered_at, ip_hash";
    private static final RowMapper<Consent> ROW = (rs, ctx) -> new Consent(
            Timestamps.uuid(rs, "id"), new UserId(Timestamps.uuid(rs, "user_id")),
            Purpose.parse(rs.getString("purpose")).orElseThrow(() -> new IllegalStateException("unknown purpose in consents")),
            rs.getInt("policy_version"), rs.getBoolean("granted"), Timestamps.instant(rs, "answered_at"),
            Timestamps.text(rs, "ip_hash"));

    private final Jdbi jdbi;

    public JdbiConsentStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(Consent consent) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO consents (" + COLUMNS + ") VALUES "
                        + "(:id, :user, :purpose, :version, :granted, :at, :ipHash)")
                .bind("id", consent.id())
                .bind("user", consent.user().value())
                .bind("purpose", consent.purpose().id())
                .bind("version", consent.version())
                .bind("granted", consent.granted())
                .bind("at", Timestamps.utc(consent.at()))
                .bind("ipHash", consent.ipHash().orElse(null))
                .execute());
    }

    @Override
    public List<Consent> history(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM consents WHERE user_id = :user "
                        + "ORDER BY answered_at, id")
                .bind("user", user.value()).map(ROW).list());
    }

    @Override
    public Optional<Consent> latest(UserId user, Purpose purpose) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM consents "
                        + "WHERE user_id = :user AND purpose = :purpose ORDER BY answered_at DESC, id DESC LIMIT 1")
                .bind("user", user.value()).bind("purpose", purpose.id()).map(ROW).findOne());
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
    public int erase(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM consents WHERE user_id = :user")
                .bind("user", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("consents");
    }
}
