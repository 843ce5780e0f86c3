package io.voicegate.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.voicegate.core.postcall.WebhookEvents;
import io.voicegate.testkit.WebhookEventsContract;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbiWebhookEventsH2IT extends WebhookEventsContract {

    private HikariDataSource pool;
    private JdbiWebhookEvents events;

    @BeforeEach
    void migrate() {
        pool = TestDatabases.migrated(TestDatabases.h2());
        events = new JdbiWebhookEvents(Jdbi.create(pool));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Override
    protected WebhookEvents events() {
        return events;
    }
}
