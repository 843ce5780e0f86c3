package io.voicegate.persistence;

import io.voicegate.core.identity.Account;
import io.voicegate.core.identity.AccountExists;
import io.voicegate.core.identity.Email;
import io.voicegate.core.identity.ExternalIdentity;
import io.voicegate.core.identity.PasswordHash;
import io.voicegate.core.identity.User;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.UserStore;
import io.voicegate.core.privacy.PersonalData;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link UserStore} on the {@code users} table. Also the {@code sign_in} section of a person's data: whether they
 * have a password (never its hash) and the external identity they sign in with; erasure clears both before the
 * profile row goes. Thread-safe.
 */
public final class JdbiUserStore implements UserStore, PersonalData, PersonalTables {

    /** How a user signs in, as exported. */
    public record SignInMethods(boolean password, Optional<ExternalIdentity> externalIdentity) {
    }

    private static final String COLUMNS = "id, email, display_name, created_at, password_hash, external_issuer, external_subject";

    private final Jdbi jdbi;

    public JdbiUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(Account account) {
        var user = account.user();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES "
                            + "(:id, :email, :display_name, :created_at, :password_hash, :external_issuer, :external_subject)")
                    .bind("id", user.id().value())
                    .bind("email", user.email().map(Email::value).orElse(null))
                    .bind("display_name", user.displayName().orElse(null))
                    .bind("created_at", user.createdAt().atOffset(ZoneOffset.UTC))
                    .bind("password_hash", account.password().map(PasswordHash::encoded).orElse(null))
                    .bind("external_issuer", account.external().map(ExternalIdentity::issuer).orElse(null))
                    .bind("external_subject", account.external().map(ExternalIdentity::subject).orElse(null))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) throw new AccountExists();
            throw e;
        }
    }

    @Override
    public Optional<User> find(UserId id) {
        return one("id = :v", id.value()).map(Account::user);
    }

    @Override
    public Optional<Account> findByEmail(Email email) {
        return one("email = :v", email.value());
    }

    @Override
    public Optional<User> findByExternal(ExternalIdentity identity) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users "
                        + "WHERE external_issuer = :issuer AND external_subject = :subject")
                .bind("issuer", identity.issuer())
                .bind("subject", identity.subject())
                .map(JdbiUserStore::account)
                .findOne()).map(Account::user);
    }

    @Override
    public boolean delete(UserId id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id.value()).execute()) > 0;
    }

    @Override
    public String section() {
        return "sign_in";
    }

    @Override
    public Optional<SignInMethods> export(UserId user) {
        return one("id = :v", user.value()).map(a -> new SignInMethods(a.password().isPresent(), a.external()));
    }

    @Override
    public int erase(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = NULL, external_issuer = NULL, "
                        + "external_subject = NULL WHERE id = :id AND (password_hash IS NOT NULL OR external_issuer IS NOT NULL)")
                .bind("id", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("users");
    }

    /** SQLSTATE 23505 on both H2 and PostgreSQL. */
    private static boolean isUniqueViolation(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) return true;
        }
        return false;
    }

    private Optional<Account> one(String where, Object value) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE " + where)
                .bind("v", value)
                .map(JdbiUserStore::account)
                .findOne());
    }

    private static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
        var user = new User(new UserId(rs.getObject("id", UUID.class)),
                Optional.ofNullable(rs.getString("email")).map(Email::new),
                Optional.ofNullable(rs.getString("display_name")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        var issuer = rs.getString("external_issuer");
        var subject = rs.getString("external_subject");
        return new Account(user, Optional.ofNullable(rs.getString("password_hash")).map(PasswordHash::new),
                issuer == null || subject == null ? Optional.empty() : Optional.of(new ExternalIdentity(issuer, subject)));
    }
}
