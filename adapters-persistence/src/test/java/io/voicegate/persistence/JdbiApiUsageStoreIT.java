package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.usage.ApiUsageStore;
import io.voicegate.testkit.ApiUsageStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class JdbiApiUsageStoreIT extends ApiUsageStoreContract {

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
    protected ApiUsageStore store() {
        return new JdbiApiUsageStore(database.jdbi());
    }

    @Override
    protected UserId newUser() {
        return TestUsers.insert(database.jdbi());
    }
}
