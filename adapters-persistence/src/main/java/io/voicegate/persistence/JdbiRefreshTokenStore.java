package io.voicegate.persistence;

import io.voicegate.core.identity.RefreshToken;
import io.voicegate.core.identity.RefreshTokenStore;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link RefreshTokenStore} on the {@code refresh_tokens} table; only SHA-256 hashes are stored. Also the
 * {@code sessions_signed_in} section of a person's data: export lists when each sign-in token was issued and used
 * (never a hash), erasure deletes them. As {@link ExpiringData} the retention sweep deletes tokens that expired
 * before the session retention cutoff, in batches (until then a replayed expired token is recognised). Thread-safe.
 */
public final class JdbiRefreshTokenStore implements RefreshTokenStore, PersonalData, PersonalTables, ExpiringData {

    /** One refresh token as exported: no hash, no value. */
    public record SignIn(UUID family, Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt, boolean revoked) {
    }

    private final Jdbi jdbi;

    public JdbiRefreshTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(RefreshToken token) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO refresh_tokens "
                        + "(token_hash, family_id, user_id, issued_at, expires_at, used_at, revoked) VALUES "
                        + "(:hash, :family, :user, :issued, :expires, :used, :revoked)")
                .bind("hash", token.hash())
                .bind("family", token.family())
                .bind("user", token.user().value())
                .bind("issued", utc(token.issuedAt()))
                .bind("expires", utc(token.expiresAt()))
                .bind("used", token.usedAt().map(JdbiRefreshTokenStore::utc).orElse(null))
                .bind("revoked", token.revoked())
                .execute());
    }

    @Override
    public Optional<RefreshToken> find(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, family_id, user_id, issued_at, expires_at, "
                        + "used_at, revoked FROM refresh_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map(JdbiRefreshTokenStore::token)
                .findOne());
    }

    @Override
    public boolean markUsed(String hash, Instant at) {
        // One statement: of two racing refreshes with the same token, exactly one updates the row.
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET used_at = :at "
                        + "WHERE token_hash = :hash AND used_at IS NULL")
                .bind("at", utc(at))
                .bind("hash", hash)
                .execute()) == 1;
    }

    @Override
    public int revokeFamily(UUID family) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE refresh_tokens SET revoked = TRUE "
                        + "WHERE family_id = :family AND revoked = FALSE")
                .bind("family", family)
                .execute());
    }

    @Override
    public int deleteExpired(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM refresh_tokens WHERE expires_at < :before")
                .bind("before", utc(before))
                .execute());
    }

    @Override
    public String section() {
        return "sessions_signed_in";
    }

    @Override
    public String name() {
        return "refresh_tokens";
    }

    /** Deletes at most {@code limit} tokens that expired strictly before the cutoff, oldest expiry first. */
    @Override
    public int deleteOlderThan(Instant cutoff, int limit) {
        return jdbi.inTransaction(h -> {
            var hashes = h.createQuery("SELECT token_hash FROM refresh_tokens WHERE expires_at < :cutoff "
                            + "ORDER BY expires_at, token_hash LIMIT :limit")
                    .bind("cutoff", utc(cutoff)).bind("limit", limit).mapTo(String.class).list();
            if (hashes.isEmpty()) return 0;
            return h.createUpdate("DELETE FROM refresh_tokens WHERE token_hash IN (<hashes>)")
                    .bindList("hashes", hashes).execute();
        });
    }

    @Override
    public List<SignIn> export(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT token_hash, family_id, user_id, issued_at, expires_at, used_at, "
                        + "revoked FROM refresh_tokens WHERE user_id = :user ORDER BY issued_at")
                .bind("user", user.value())
                .map(JdbiRefreshTokenStore::token)
                .map(t -> new SignIn(t.family(), t.issuedAt(), t.expiresAt(), t.usedAt(), t.revoked()))
                .list());
    }

    @Override
    public int erase(UserId user) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM refresh_tokens WHERE user_id = :user")
                .bind("user", user.value()).execute());
    }

    @Override
    public Set<String> personalTables() {
        return Set.of("refresh_tokens");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static RefreshToken token(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RefreshToken(rs.getString("token_hash"), rs.getObject("family_id", UUID.class),
                new UserId(rs.getObject("user_id", UUID.class)),
                rs.getObject("issued_at", OffsetDateTime.class).toInstant(),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(rs.getObject("used_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                rs.getBoolean("revoked"));
    }
}
