package io.voicegate.persistence;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.session.TranscriptStore;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.testkit.Sessions;
import io.voicegate.testkit.TranscriptStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass
@ValueSource(strings = {"h2", "postgres"})
class JdbiTranscriptStoreIT extends TranscriptStoreContract {

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
    protected TranscriptStore store() {
        return new JdbiTranscriptStore(database.jdbi());
    }

    @Override
    protected SessionStore sessions() {
        return new JdbiSessionStore(database.jdbi());
    }

    @Override
    protected UserId newUser() {
        return TestUsers.insert(database.jdbi());
    }

    @Test
    void a_batch_that_fails_part_way_leaves_no_turn_behind() {
        var session = Sessions.created(newUser(), T0);
        sessions().insert(session);
        var orphan = Sessions.created(newUser(), T0);  // never inserted: its turn violates the foreign key
        var batch = List.of(new Turn(session.id(), "item_1", TurnRole.USER, "Hi", T0, T0),
                new Turn(orphan.id(), "item_2", TurnRole.USER, "Nobody's", T0, T0));
        assertThatThrownBy(() -> store().appendAll(batch)).isInstanceOf(RuntimeException.class);
        assertThat(store().turns(session.id())).isEmpty();
    }
}
