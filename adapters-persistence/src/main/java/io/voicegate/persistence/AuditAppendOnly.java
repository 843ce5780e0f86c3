package io.voicegate.persistence;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Migration 4.1: on PostgreSQL, the triggers that make {@code audit_events} append-only (no UPDATE, no TRUNCATE, no
 * DELETE of events younger than the audit retention period) and refuse rewriting a consent answer. H2 cannot run PL/pgSQL, so there the migration is
 * recorded and does nothing: both databases run the same migration set.
 */
final class AuditAppendOnly implements JavaMigration {

    private static final String SCRIPT = "audit_append_only.postgresql.sql";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4.1");
    }

    @Override
    public String getDescription() {
        return "audit and consent append only";
    }

    @Override
    public Integer getChecksum() {
        return script().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) return;
        try (var statement = connection.createStatement()) {
            statement.execute(script());
        }
    }

    private static String script() {
        try (InputStream in = AuditAppendOnly.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException("missing migration script " + SCRIPT);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
