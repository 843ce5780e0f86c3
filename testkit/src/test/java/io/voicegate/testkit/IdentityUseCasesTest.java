package io.voicegate.testkit;

import io.voicegate.core.audit.AuditEvent;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.AccountExists;
import io.voicegate.core.identity.ExternalIdentity;
import io.voicegate.core.InvalidField;
import io.voicegate.core.identity.LogIn;
import io.voicegate.core.identity.LogOut;
import io.voicegate.core.identity.Password;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.RefreshSession;
import io.voicegate.core.identity.RegisterUser;
import io.voicegate.core.identity.SignedIn;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.core.identity.VerifyBearerToken;
import io.voicegate.core.limits.RateLimited;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The identity rules of core, over in-memory fakes: no server, no database. */
class IdentityUseCasesTest {

    private final IdentityFixture f = new IdentityFixture();
    private final RequestContext request = RequestContext.of("req_1", "203.0.113.7");

    private SignedIn register(String email, String password) {
        return f.register.handle(new RegisterUser.Command(email, new Password(password), Optional.of("Ada"), request));
    }

    private SignedIn logIn(String email, String password) {
        return f.logIn.handle(new LogIn.Command(email, new Password(password), request));
    }

    @Test
    void registering_normalises_the_email_stores_only_a_hash_and_audits() {
        var signedIn = register("  Ada@Example.COM ", "correct horse battery");

        assertThat(signedIn.user().email().orElseThrow().value()).isEqualTo("ada@example.com");
        var account = f.users.findByEmail(signedIn.user().email().orElseThrow()).orElseThrow();
        assertThat(account.password().orElseThrow().encoded()).doesNotContain("correct horse battery");
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).contains("auth.register");
        assertThat(f.auditLog.events().get(0).actor()).doesNotContain(signedIn.user().id().toString());
    }

    @Test
    void a_password_shorter_than_ten_characters_is_refused_naming_the_field() {
        assertThatThrownBy(() -> register("a@example.com", "123456789"))
                .isInstanceOf(InvalidField.class)
                .satisfies(e -> assertThat(((InvalidField) e).details()).containsEntry("pointer", "/password"));
    }

    @Test
    void an_email_can_register_only_once() {
        register("a@example.com", "0123456789");
        assertThatThrownBy(() -> register("A@example.com", "0123456789")).isInstanceOf(AccountExists.class);
    }

    @Test
    void logging_in_with_the_right_password_gives_tokens_and_audits_the_login() {
        register("a@example.com", "0123456789");
        var signedIn = logIn("a@example.com", "0123456789");
        assertThat(f.verifier.verify(signedIn.tokens().access().value()).user()).isEqualTo(signedIn.user().id());
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).contains("auth.login");
    }

    @Test
    void unknown_email_and_wrong_password_get_the_same_answer_and_each_costs_one_hash_comparison() {
        register("a@example.com", "0123456789");
        int before = f.hasher.comparisons();

        var wrongPassword = catchUnauthenticated(() -> logIn("a@example.com", "wrong-password"));
        var unknownEmail = catchUnauthenticated(() -> logIn("nobody@example.com", "wrong-password"));

        assertThat(unknownEmail.getMessage()).isEqualTo(wrongPassword.getMessage());
        assertThat(unknownEmail.code()).isEqualTo(wrongPassword.code());
        assertThat(f.hasher.comparisons() - before).isEqualTo(2);
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).contains("auth.login_failed");
    }

    @Test
    void five_failures_lock_the_account_for_the_rest_of_the_fifteen_minutes_even_for_the_right_password() {
        register("a@example.com", "0123456789");
        for (int i = 0; i < 5; i++) catchUnauthenticated(() -> logIn("a@example.com", "wrong-password"));
        f.clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> logIn("a@example.com", "0123456789"))
                .isInstanceOf(RateLimited.class)
                .satisfies(e -> assertThat(((RateLimited) e).retryAfter()).contains(Duration.ofMinutes(10)));

        f.clock.advance(Duration.ofMinutes(10));
        assertThat(logIn("a@example.com", "0123456789").user().email()).isPresent();
    }

    @Test
    void a_successful_login_clears_earlier_failures() {
        register("a@example.com", "0123456789");
        for (int i = 0; i < 4; i++) catchUnauthenticated(() -> logIn("a@example.com", "wrong-password"));
        logIn("a@example.com", "0123456789");
        for (int i = 0; i < 4; i++) catchUnauthenticated(() -> logIn("a@example.com", "wrong-password"));
        assertThat(logIn("a@example.com", "0123456789")).isNotNull();
    }

    @Test
    void refreshing_rotates_the_token_within_its_family() {
        var first = register("a@example.com", "0123456789");
        var second = f.refresh.handle(new RefreshSession.Command(first.tokens().refreshToken(), request));

        assertThat(second.tokens().refreshToken()).isNotEqualTo(first.tokens().refreshToken());
        var third = f.refresh.handle(new RefreshSession.Command(second.tokens().refreshToken(), request));
        assertThat(third.user()).isEqualTo(first.user());
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).containsSubsequence("auth.refresh", "auth.refresh");
    }

    @Test
    void reusing_a_refresh_token_revokes_the_whole_family() {
        var first = register("a@example.com", "0123456789");
        var second = f.refresh.handle(new RefreshSession.Command(first.tokens().refreshToken(), request));

        assertThatThrownBy(() -> f.refresh.handle(new RefreshSession.Command(first.tokens().refreshToken(), request)))
                .isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> f.refresh.handle(new RefreshSession.Command(second.tokens().refreshToken(), request)))
                .as("the thief's or the owner's newer token is revoked too").isInstanceOf(Unauthenticated.class);
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).contains("auth.refresh_reused");
    }

    @Test
    void an_expired_refresh_token_is_refused() {
        var first = register("a@example.com", "0123456789");
        f.clock.advance(Duration.ofDays(30));
        assertThatThrownBy(() -> f.refresh.handle(new RefreshSession.Command(first.tokens().refreshToken(), request)))
                .isInstanceOf(Unauthenticated.class);
    }

    @Test
    void logging_out_revokes_the_family() {
        var first = register("a@example.com", "0123456789");
        assertThat(f.logOut.handle(new LogOut.Command(first.tokens().refreshToken(), request))).isTrue();
        assertThatThrownBy(() -> f.refresh.handle(new RefreshSession.Command(first.tokens().refreshToken(), request)))
                .isInstanceOf(Unauthenticated.class);
        assertThat(f.logOut.handle(new LogOut.Command("rt_unknown", request))).isFalse();
    }

    @Test
    void the_token_of_a_deleted_user_is_refused() {
        var signedIn = register("a@example.com", "0123456789");
        f.users.delete(signedIn.user().id());
        assertThatThrownBy(() -> f.verifier.verify(signedIn.tokens().access().value())).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void an_external_identity_becomes_a_user_on_first_sight_and_the_same_user_after() {
        var external = new VerifiedToken(VerifiedToken.Source.EXTERNAL, "https://securetoken.google.com/p", "uid-1",
                Instant.parse("2025-01-01T00:00:00Z"), Optional.of("a@example.com"));
        var verifier = new VerifyBearerToken(token -> external, f.users, f.audit, f.clock, f.ids);

        var first = verifier.verify("any");
        var second = verifier.verify("any");

        assertThat(first.method()).isEqualTo(Principal.AuthenticationMethod.EXTERNAL_TOKEN);
        assertThat(second.user()).isEqualTo(first.user());
        assertThat(f.users.findByExternal(new ExternalIdentity("https://securetoken.google.com/p", "uid-1"))).isPresent();
        assertThat(f.users.find(first.user()).orElseThrow().email()).as("an external email never claims an account").isEmpty();
        assertThat(f.auditLog.events()).extracting(AuditEvent::action).containsOnlyOnce("auth.register_external");
    }

    @Test
    void local_passwords_confirm_only_the_account_holders_password_and_spend_a_comparison_either_way() {
        var local = new io.voicegate.core.identity.LocalPasswords(f.users, f.hasher);
        var user = register("a@example.com", "0123456789").user().id();
        var external = new io.voicegate.core.identity.UserId(java.util.UUID.randomUUID());
        int before = f.hasher.comparisons();

        assertThat(local.hasPassword(user)).isTrue();
        assertThat(local.passwordMatches(user, "0123456789")).isTrue();
        assertThat(local.passwordMatches(user, "9876543210")).isFalse();
        assertThat(local.hasPassword(external)).isFalse();
        assertThat(local.passwordMatches(external, "0123456789")).isFalse();
        assertThat(f.hasher.comparisons() - before).isEqualTo(3);
    }

    private static Unauthenticated catchUnauthenticated(Runnable action) {
        try {
            action.run();
        } catch (Unauthenticated e) {
            return e;
        }
        throw new AssertionError("expected Unauthenticated");
    }
}
