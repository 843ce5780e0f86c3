package io.voicegate.testkit;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefGenerator;
import io.voicegate.core.session.SessionRefs;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SessionRefs} must do; run against the in-memory fake and each real adapter. The store is given
 * sessions and users it may need to exist first through {@link #target()}.
 */
public abstract class SessionRefsContract {

    protected abstract SessionRefs refs();

    /** A session (and its user) the store can point at; adapters with foreign keys create the rows first. */
    protected abstract SessionRefs.Target target();

    private final SessionRefGenerator generator = SessionRefGenerator.secure();

    @Test
    void finds_what_a_reference_was_assigned_to() {
        var ref = generator.next();
        var target = target();
        refs().assign(ref, target);
        assertThat(refs().find(ref)).contains(target);
    }

    @Test
    void a_session_tells_the_reference_it_was_given() {
        var ref = generator.next();
        var target = target();
        assertThat(refs().refOf(target.sessionId())).isEmpty();
        refs().assign(ref, target);
        assertThat(refs().refOf(target.sessionId())).contains(ref);
        assertThat(refs().refOf(UUID.randomUUID())).isEmpty();
    }

    @Test
    void an_unknown_reference_finds_nothing() {
        assertThat(refs().find(generator.next())).isEmpty();
    }

    @Test
    void a_reference_is_never_rebound() {
        var ref = generator.next();
        var first = target();
        refs().assign(ref, first);
        assertThatThrownBy(() -> refs().assign(ref, target())).isInstanceOf(IllegalStateException.class);
        assertThat(refs().find(ref)).contains(first);
    }

    @Test
    void references_differing_only_in_case_are_different() {
        var lower = new SessionRef("abcdefghijklmnopqrstuv");
        refs().assign(lower, target());
        assertThat(refs().find(new SessionRef("ABCDEFGHIJKLMNOPQRSTUV"))).isEmpty();
    }

    @Test
    void a_session_is_found_by_its_linked_conversation_id_once_linked() {
        var ref = generator.next();
        var target = target();
        refs().assign(ref, target);
        assertThat(refs().findByConversation(provider(), "conv_1")).isEmpty();

        assertThat(refs().linkConversation(target.sessionId(), "conv_1")).isTrue();
        assertThat(refs().findByConversation(provider(), "conv_1")).contains(target);
        assertThat(refs().findByConversation(provider(), "conv_2")).isEmpty();
    }

    @Test
    void a_conversation_id_is_linked_once() {
        var target = target();
        refs().assign(generator.next(), target);
        assertThat(refs().linkConversation(target.sessionId(), "conv_first")).isTrue();
        assertThat(refs().linkConversation(target.sessionId(), "conv_second")).isFalse();
        assertThat(refs().findByConversation(provider(), "conv_first")).contains(target);
        assertThat(refs().findByConversation(provider(), "conv_second")).isEmpty();
    }

    /** The provider of the sessions {@link #target()} makes. */
    protected String provider() {
        return "elevenlabs";
    }

    /** A fresh target for stores without foreign keys. */
    protected static SessionRefs.Target randomTarget() {
        return new SessionRefs.Target(UUID.randomUUID(), new UserId(UUID.randomUUID()));
    }
}
