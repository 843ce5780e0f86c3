package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.usage.UsageStore;
import io.voicegate.testkit.UsageStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class JdbiUsageStoreIT extends UsageStoreContract {

    @Parameter
    String kind;

    private MigratedDatabase database;

    @BeforeEach
    void open() {
        database = new MigratedDatabase(kind);
    }

    @AfterEach
    void close() {
        if (database != null) database.close();
    }

    @Override
    protected UsageStore store() {
        return new JdbiUsageStore(database.jdbi());
    }

    @Override
    protected SessionStore sessions() {
        return new JdbiSessionStore(database.jdbi());
    }

    @Override
    protected UserId newUser() {
        return TestUsers.insert(database.jdbi());
    }
}
