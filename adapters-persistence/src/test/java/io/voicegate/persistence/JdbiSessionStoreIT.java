package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.testkit.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class JdbiSessionStoreIT extends SessionStoreContract {

    @Parameter
    String kind;

    private MigratedDatabase database;
    private JdbiSessionStore store;

    @BeforeEach
    void open() {
        database = new MigratedDatabase(kind);
        store = new JdbiSessionStore(database.jdbi());
    }

    @AfterEach
    void close() {
        if (database != null) database.close();
    }

    @Override
    protected SessionStore store() {
        return store;
    }

    @Override
    protected UserId newUser() {
        return TestUsers.insert(database.jdbi());
    }
}
