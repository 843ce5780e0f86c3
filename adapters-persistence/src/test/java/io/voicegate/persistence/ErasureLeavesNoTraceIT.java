package io.voicegate.persistence;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.consent.ConsentWithdrawalListener;
import io.voicegate.core.consent.GrantConsent;
import io.voicegate.core.consent.Purpose;
import io.voicegate.core.identity.RefreshToken;
import io.voicegate.core.identity.TokenDecoder;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.core.identity.VerifyBearerToken;
import io.voicegate.core.privacy.ActiveSessions;
import io.voicegate.core.privacy.EraseUserData;
import io.voicegate.core.privacy.ExportUserData;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.TurnRole;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageRecord;
import io.voicegate.core.usage.Usage;
import io.voicegate.core.usage.UsageRecord;
import io.voicegate.testkit.MutableClock;
import io.voicegate.testkit.SequentialIds;
import io.voicegate.testkit.Sessions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After erasure, no table holds the person's id, e-mail address or words (profile, consent, session, transcript,
 * usage of sessions and of API calls, refresh tokens), their tokens no longer work, and the audit trail stays without tying to them.
 */
class ErasureLeavesNoTraceIT {

    private static final String EMAIL = "ada.lovelace@example.org";
    private static final String MARKER = "zebra-quartz-7741 please book the table by the window";
    private static final String ADDRESS = "203.0.113.77";
    private static final String SAID = "orchid-lantern-5523 my account number is 998877";
    private static final String TOKEN_HASH = "refresh-hash-of-the-erased-user";

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
                var jdbi = Jdbi.create(pool);
                var session = Sessions.created(who, clock.instant());
                new JdbiSessionStore(jdbi).insert(session);
                new JdbiTranscriptStore(jdbi).append(new Turn(session.id(), "item_1", TurnRole.USER,
                        who == user ? SAID : "nothing to see", clock.instant(), clock.instant()));
                new JdbiUsageStore(jdbi).append(new UsageRecord(UUID.randomUUID(), session.id(), who, "fake", "",
                        clock.instant(), new Usage(3, 2, 0, 0, 0, 0, 0)));
                stores.apiUsage().append(new ApiUsageRecord(UUID.randomUUID(), who, "openai", ApiEndpoint.CHAT_COMPLETIONS,
                        "gpt-4o-mini", clock.instant(), 9, 12));
                stores.refreshTokens().add(new RefreshToken(who == user ? TOKEN_HASH : "refresh-hash-of-someone",
                        UUID.randomUUID(), who, clock.instant(), clock.instant().plusSeconds(3600), Optional.empty(), false));
            }
            TokenDecoder decoder = token -> new VerifiedToken(VerifiedToken.Source.VOICEGATE, "voicegate", token,
                    clock.instant(), Optional.empty());
            var verifier = new VerifyBearerToken(decoder, stores.users(), trail, clock, ids);
            assertThat(verifier.verify(user.toString()).user()).isEqualTo(user);
            var export = new ExportUserData(stores.personalData(), stores.audit(), trail, clock).handle(user, request);
            assertThat(export.sections().get("profile").toString()).contains(EMAIL);
            assertThat(export.sections().get("voice_sessions").toString()).contains(SAID).doesNotContain("nothing to see");
            assertThat((List<?>) export.sections().get("api_usage")).singleElement()
                    .isInstanceOfSatisfying(ApiUsageRecord.class, r -> assertThat(r.user()).isEqualTo(user));
            var pseudonym = trail.pseudonymOf(user);
            for (var needle : List.of(user.toString(), EMAIL, MARKER, SAID, TOKEN_HASH)) {
                assertThat(Schema.find(pool, needle)).as("the scan finds %s before erasure", needle).isNotEmpty();
            }

            new EraseUserData(stores.personalData(), ActiveSessions.NONE, trail).handle(user, request);

            for (var needle : List.of(user.toString(), user.value().toString().replace("-", ""), EMAIL, MARKER, ADDRESS,
                    SAID, TOKEN_HASH)) {
                assertThat(Schema.find(pool, needle)).as("columns still holding %s", needle).isEmpty();
            }
            assertThat(stores.refreshTokens().find(TOKEN_HASH)).as("the refresh token no longer works").isEmpty();
            assertThatThrownBy(() -> verifier.verify(user.toString())).as("nor does an access token issued before")
                    .isInstanceOf(Unauthenticated.class);
            assertThat(Schema.find(pool, "nothing to see")).as("other users' transcripts stay").isNotEmpty();
            assertThat(Schema.find(pool, "someone@example.org")).as("other users are untouched").isNotEmpty();
            assertThat(Schema.find(pool, other.toString())).isNotEmpty();
            assertThat(stores.audit().about(pseudonym, Optional.empty(), 100).events())
                    .as("the audit trail stays, no longer tied to the person")
                    .extracting(e -> e.action()).contains("user.erased", "consent.granted", "session.read");
            assertThat(trail.pseudonymOf(user)).isNotEqualTo(pseudonym);
        }
    }
}
