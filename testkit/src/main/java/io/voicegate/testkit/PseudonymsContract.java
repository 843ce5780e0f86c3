package io.voicegate.testkit;

import io.voicegate.core.audit.Pseudonyms;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link Pseudonyms} store must do. */
public abstract class PseudonymsContract {

    /** A fresh, empty store; called once per test. */
    protected abstract Pseudonyms newStore();

    private Pseudonyms pseudonyms;
    private final UserId user = new UserId(UUID.randomUUID());

    @BeforeEach
    void createStore() {
        pseudonyms = newStore();
    }

    @Test
    void a_user_keeps_one_pseudonym_that_reveals_nothing_about_them() {
        var first = pseudonyms.of(user);
        assertThat(pseudonyms.of(user)).isEqualTo(first);
        assertThat(first).doesNotContain(user.toString()).doesNotContain(user.value().toString().replace("-", ""));
        assertThat(pseudonyms.of(new UserId(UUID.randomUUID()))).isNotEqualTo(first);
    }

    @Test
    void after_forgetting_a_new_unrelated_pseudonym_is_created() {
        var before = pseudonyms.of(user);
        pseudonyms.forget(user);
        pseudonyms.forget(user);
        assertThat(pseudonyms.of(user)).isNotEqualTo(before);
    }
}
