package io.voicegate.persistence;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.ConsentWithdrawalListener;
import io.voicegate.core.consent.GrantConsent;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.privacy.ActiveSessions;
import io.voicegate.core.privacy.EraseUserData;
import io.voicegate.core.privacy.ExportUserData;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** After erasure, no table holds the person's id, e-mail address or words, while the audit trail stays. */
class ErasureLeavesNoTraceIT {

    private static final String EMAIL = "ada.lovelace@example.org";
    private static final String MARKER = "zebra-quartz-7741 please book the table by the window";
    private static final String ADDRESS = "203.0.113.77";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void no_table_holds_the_users_id_email_or_words_after_erasure(String kind) {
        try (var pool = TestDatabases.migrated(TestDatabases.of(kind))) {
            var clock = MutableClock.at(java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS));
            var ids = new SequentialIds();
            var stores = JdbiStores.create(pool, clock);
            var trail = new AuditTrail(stores.audit(), stores.pseudonyms(), clock, ids,
                    "an audit ip hash key of 32 bytes".getBytes(StandardCharsets.UTF_8));
            var user = new UserId(UUID.randomUUID());
            var other = new UserId(UUID.randomUUID());
            var request = RequestContext.of("req-erase", ADDRESS);
            for (var who : List.of(user, other)) {
                Jdbi.create(pool).useHandle(h -> h.execute("INSERT INTO users (id, email, display_name, locale, created_at) "
                                + "VALUES (?, ?, ?, 'en', CURRENT_TIMESTAMP)", who.value(),
                        who == user ? EMAIL : "someone@example.org", who == user ? MARKER : "Someone"));
                var grant = new GrantConsent(stores.consents(), ConsentPolicy.defaults(), trail,
                        ConsentWithdrawalListener.NONE, clock, ids);
                grant.handle(new GrantConsent.Command(who, Purpose.VOICE_PROCESSING, 1, true, request));
                grant.handle(new GrantConsent.Command(who, Purpose.TRANSCRIPT_STORAGE, 1, true, request));
                trail.userAction(who, "session.read", "session", "sess_1", Outcome.SUCCESS, request);
            }
            var export = new ExportUserData(stores.personalData(), stores.audit(), trail, clock).handle(user, request);
            assertThat(export.sections().get("profile").toString()).contains(EMAIL);
            var pseudonym = trail.pseudonymOf(user);
            for (var needle : List.of(user.toString(), EMAIL, MARKER)) {
                assertThat(Schema.find(pool, needle)).as("the scan finds %s before erasure", needle).isNotEmpty();
            }

            new EraseUserData(stores.personalData(), ActiveSessions.NONE, trail).handle(user, request);

            for (var needle : List.of(user.toString(), user.value().toString().replace("-", ""), EMAIL, MARKER, ADDRESS)) {
                assertThat(Schema.find(pool, needle)).as("columns still holding %s", needle).isEmpty();
            }
            assertThat(Schema.find(pool, "someone@example.org")).as("other users are untouched").isNotEmpty();
            assertThat(Schema.find(pool, other.toString())).isNotEmpty();
            assertThat(stores.audit().about(pseudonym, Optional.empty(), 100).events())
                    .as("the audit trail stays, no longer tied to the person")
                    .extracting(e -> e.action()).contains("user.erased", "consent.granted", "session.read");
            assertThat(trail.pseudonymOf(user)).isNotEqualTo(pseudonym);
        }
    }
}
