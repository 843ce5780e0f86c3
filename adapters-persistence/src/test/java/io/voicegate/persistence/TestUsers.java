package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import org.jdbi.v3.core.Jdbi;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Inserts bare user rows for tests of tables that refer to {@code users(id)}. */
public final class TestUsers {

    private TestUsers() {
    }

    public static UserId insert(Jdbi jdbi) {
        var id = new UserId(UUID.randomUUID());
        insert(jdbi, id);
        return id;
    }

    public static void insert(Jdbi jdbi, UserId id) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (id, created_at) VALUES (:id, :at)")
                .bind("id", id.value()).bind("at", OffsetDateTime.now(ZoneOffset.UTC)).execute());
    }
}
