package io.voicegate.persistence;

import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.identity.UserId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Per-user pseudonym keys in {@code audit_pseudonyms}: random, created on first use, deleted on erasure so the
 * person's remaining audit events cannot be tied back to them. Thread-safe.
 */
public final class JdbiPseudonyms implements Pseudonyms, PersonalTables {

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JdbiPseudonyms(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String of(UserId user) {
        return find(user).orElseGet(() -> create(user));
    }

    @Override
    public void forget(UserId user) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM audit_pseudonyms WHERE user_id = :user")
                .bind("user", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        // Deleted by EraseUserData (Pseudonyms.forget), after the erasure itself is audited.
        return Set.of("audit_pseudonyms");
    }

    private Optional<String> find(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pseudonym FROM audit_pseudonyms WHERE user_id = :user")
                .bind("user", user.value()).mapTo(String.class).findOne());
    }

    private String create(UserId user) {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        var pseudonym = "psn_" + HexFormat.of().formatHex(bytes);
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_pseudonyms (user_id, pseudonym, created_at) "
                            + "VALUES (:user, :pseudonym, :at)")
                    .bind("user", user.value()).bind("pseudonym", pseudonym)
                    .bind("at", Timestamps.utc(clock.instant())).execute());
            return pseudonym;
        } catch (UnableToExecuteStatementException raced) {
            // Another thread created the user's pseudonym first; theirs is the one.
            return find(user).orElseThrow(() -> raced);
        }
    }
}
