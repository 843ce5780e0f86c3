package io.voicegate.testkit;

import io.voicegate.core.consent.Consent;
import io.voicegate.core.consent.ConsentStore;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.PersonalData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ConsentStore} (that is also its {@link PersonalData} section) must do. */
public abstract class ConsentStoreContract {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    /** A fresh, empty store; called once per test. */
    protected abstract ConsentStore newStore();

    private ConsentStore store;
    private final UserId user = new UserId(UUID.randomUUID());
    private final UserId other = new UserId(UUID.randomUUID());

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private Consent answer(UserId who, Purpose purpose, int version, boolean granted, int second) {
        var consent = new Consent(UUID.randomUUID(), who, purpose, version, granted, T0.plusSeconds(second),
                Optional.of("ab".repeat(32)));
        store.append(consent);
        return consent;
    }

    @Test
    void history_keeps_every_answer_oldest_first_with_all_its_fields() {
        var second = answer(user, Purpose.VOICE_PROCESSING, 2, false, 20);
        var first = answer(user, Purpose.VOICE_PROCESSING, 1, true, 10);
        var noAddress = new Consent(UUID.randomUUID(), user, Purpose.TRANSCRIPT_STORAGE, 1, true, T0.plusSeconds(30),
                Optional.empty());
        store.append(noAddress);
        answer(other, Purpose.VOICE_PROCESSING, 1, true, 5);

        assertThat(store.history(user)).containsExactly(first, second, noAddress);
    }

    @Test
    void the_latest_answer_per_purpose_wins() {
        answer(user, Purpose.VOICE_PROCESSING, 1, true, 1);
        var withdrawal = answer(user, Purpose.VOICE_PROCESSING, 1, false, 2);
        var transcripts = answer(user, Purpose.TRANSCRIPT_STORAGE, 1, true, 3);

        assertThat(store.latest(user, Purpose.VOICE_PROCESSING)).contains(withdrawal);
        assertThat(store.latest(user, Purpose.TRANSCRIPT_STORAGE)).contains(transcripts);
        assertThat(store.latest(other, Purpose.VOICE_PROCESSING)).isEmpty();
    }

    @Test
    void an_answer_is_never_overwritten() {
        var consent = answer(user, Purpose.VOICE_PROCESSING, 1, true, 1);
        var sameId = new Consent(consent.id(), user, Purpose.VOICE_PROCESSING, 1, false, T0.plusSeconds(9), Optional.empty());
        assertThatThrownBy(() -> store.append(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(store.history(user)).containsExactly(consent);
    }

    @Test
    void the_personal_data_section_exports_and_erases_exactly_the_users_history() {
        var data = (PersonalData) store;
        var mine = answer(user, Purpose.VOICE_PROCESSING, 1, true, 1);
        var theirs = answer(other, Purpose.VOICE_PROCESSING, 1, true, 2);

        assertThat(data.section()).isEqualTo("consents");
        assertThat(data.export(user)).isEqualTo(List.of(mine));
        assertThat(data.erase(user)).isEqualTo(1);
        assertThat(data.erase(user)).isZero();
        assertThat(store.history(user)).isEmpty();
        assertThat(store.history(other)).containsExactly(theirs);
    }
}
