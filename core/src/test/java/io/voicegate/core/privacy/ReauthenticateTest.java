package io.voicegate.core.privacy;

import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RecordingAudit;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.Principal;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.UserId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReauthenticateTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final UserId local = new UserId(UUID.randomUUID());
    private final UserId external = new UserId(UUID.randomUUID());
    private final RecordingAudit audit = new RecordingAudit();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RequestContext request = RequestContext.of("req", "198.51.100.1");
    private final Reauthenticate reauthenticate = new Reauthenticate(new Reauthentication() {
        @Override
        public boolean hasPassword(UserId user) {
            return user.equals(local);
        }

        @Override
        public boolean passwordMatches(UserId user, String password) {
            return user.equals(local) && password.equals("correct horse");
        }
    }, audit.trail(clock), clock);

    private Principal principal(UserId user, Principal.AuthenticationMethod method, Duration age) {
        return new Principal(user, method, NOW.minus(age));
    }

    @Test
    void a_local_account_confirms_with_its_current_password_however_old_the_token() {
        var p = principal(local, Principal.AuthenticationMethod.VOICEGATE_TOKEN, Duration.ofHours(3));
        assertThatCode(() -> reauthenticate.handle(p, Optional.of("correct horse"), request)).doesNotThrowAnyException();
        assertThat(audit.events).isEmpty();
    }

    @Test
    void a_local_account_without_or_with_a_wrong_password_is_refused_and_the_attempt_audited() {
        var fresh = principal(local, Principal.AuthenticationMethod.VOICEGATE_TOKEN, Duration.ZERO);
        assertThatThrownBy(() -> reauthenticate.handle(fresh, Optional.empty(), request)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> reauthenticate.handle(fresh, Optional.of("wrong"), request))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("password");
        assertThat(audit.events).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.reauthenticate");
            assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
        });
    }

    @Test
    void an_external_identity_needs_a_token_issued_within_the_last_five_minutes() {
        var atBoundary = principal(external, Principal.AuthenticationMethod.EXTERNAL_TOKEN, Duration.ofMinutes(5));
        assertThatCode(() -> reauthenticate.handle(atBoundary, Optional.empty(), request)).doesNotThrowAnyException();
        var stale = principal(external, Principal.AuthenticationMethod.EXTERNAL_TOKEN, Duration.ofMinutes(5).plusSeconds(1));
        assertThatThrownBy(() -> reauthenticate.handle(stale, Optional.of("anything"), request))
                .isInstanceOf(Unauthenticated.class).hasMessageContaining("5 minutes");
    }

    @Test
    void a_user_without_a_password_holding_a_voicegate_token_needs_a_fresh_one() {
        var fresh = principal(external, Principal.AuthenticationMethod.VOICEGATE_TOKEN, Duration.ofMinutes(1));
        assertThatCode(() -> reauthenticate.handle(fresh, Optional.empty(), request)).doesNotThrowAnyException();
        var stale = principal(external, Principal.AuthenticationMethod.VOICEGATE_TOKEN, Duration.ofMinutes(6));
        assertThatThrownBy(() -> reauthenticate.handle(stale, Optional.empty(), request)).isInstanceOf(Unauthenticated.class);
    }
}
