package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ExpiringData;
import io.voicegate.core.privacy.PersonalData;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.ApiUsageStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ApiUsageStore} must do, including its part of privacy: it is the {@code api_usage} section of
 * a person's data ({@link PersonalData}) and expires with the session retention period ({@link ExpiringData}).
 * Run against the in-memory fake and each database.
 */
public abstract class ApiUsageStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    /** A fresh store that is also {@link PersonalData} and {@link ExpiringData}; called once per test. */
    protected abstract ApiUsageStore store();

    /** A user the store may refer to (a database inserts the users row). */
    protected abstract UserId newUser();

    private ApiUsageStore store;

    private ApiUsageStore current() {
        if (store == null) store = store();
        return store;
    }

    private ApiUsageRecord append(UserId user, Instant at, long prompt, long completion) {
        var record = new ApiUsageRecord(UUID.randomUUID(), user, "openai", ApiEndpoint.CHAT_COMPLETIONS, "gpt-4o-mini",
                at, prompt, completion);
        current().append(record);
        return record;
    }

    @Test
    void records_read_back_by_user_in_a_half_open_range_oldest_first_with_every_field() {
        var user = newUser();
        var late = append(user, T0.plusSeconds(60), 0, 0);
        var early = append(user, T0.plusNanos(1_500), 9, 12);
        append(newUser(), T0, 1, 1);

        assertThat(current().forUser(user, T0, T0.plusSeconds(60))).containsExactly(early);
        assertThat(current().forUser(user, T0, T0.plusSeconds(61))).containsExactly(early, late);
        assertThat(early.at()).as("kept to the microsecond, as both databases do").isEqualTo(T0.plusNanos(1_000));
        assertThat(current().forUser(newUser(), T0, T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void a_record_is_never_overwritten() {
        var user = newUser();
        var record = append(user, T0, 9, 12);
        var sameId = new ApiUsageRecord(record.id(), user, "openai", ApiEndpoint.CHAT_COMPLETIONS, "other", T0, 1, 1);
        assertThatThrownBy(() -> current().append(sameId)).isInstanceOf(RuntimeException.class);
        assertThat(current().forUser(user, T0, T0.plusSeconds(1))).containsExactly(record);
    }

    @Test
    void the_personal_data_section_exports_and_erases_exactly_the_users_records() {
        var data = (PersonalData) current();
        var user = newUser();
        var other = newUser();
        var first = append(user, T0, 9, 12);
        var second = append(user, T0.plusSeconds(400L * 24 * 3600), 5, 6);
        var theirs = append(other, T0, 1, 2);

        assertThat(data.section()).isEqualTo("api_usage");
        assertThat(data.export(user)).isEqualTo(List.of(first, second));
        assertThat(data.erase(user)).isEqualTo(2);
        assertThat(data.erase(user)).isZero();
        assertThat(data.export(user)).isEqualTo(List.of());
        assertThat(current().forUser(other, T0, T0.plusSeconds(1))).containsExactly(theirs);
    }

    @Test
    void expiry_deletes_records_strictly_before_the_cutoff_at_most_limit_at_a_time() {
        var data = (ExpiringData) current();
        var user = newUser();
        append(user, T0.minusSeconds(30), 1, 1);
        append(user, T0.minusSeconds(20), 2, 2);
        append(user, T0.minusSeconds(10), 3, 3);
        var atCutoff = append(user, T0, 4, 4);

        assertThat(data.name()).isEqualTo("api_usage");
        assertThat(data.deleteOlderThan(T0, 2)).isEqualTo(2);
        assertThat(data.deleteOlderThan(T0, 2)).isEqualTo(1);
        assertThat(data.deleteOlderThan(T0, 2)).isZero();
        assertThat(current().forUser(user, T0.minusSeconds(60), T0.plusSeconds(1))).containsExactly(atCutoff);
    }
}
