package io.voicegate.launcher;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.tools.ContextProvider;
import io.voicegate.core.tools.UserContext;
import io.voicegate.persistence.JdbiProfileData;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's default {@link ContextProvider}: what an agent may learn about its caller is the display name, the
 * locale and how many earlier sessions they finished (counted up to {@value #COUNT_LIMIT}) — never an email or id.
 * Thread-safe.
 */
public final class DefaultContextProvider implements ContextProvider {

    static final int COUNT_LIMIT = 1000;

    private final JdbiProfileData profiles;
    private final SessionStore sessions;

    public DefaultContextProvider(JdbiProfileData profiles, SessionStore sessions) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public UserContext contextOf(UserId user) {
        var profile = profiles.export(user);
        if (profile.isEmpty()) return UserContext.empty();
        var facts = new LinkedHashMap<String, String>();
        profile.get().displayName().ifPresent(name -> facts.put("display_name", name));
        profile.get().locale().ifPresent(locale -> facts.put("locale", locale));
        int earlier = sessions.listOwned(user, Optional.of(SessionStatus.ENDED), Optional.empty(), COUNT_LIMIT).size();
        facts.put("earlier_sessions", Integer.toString(earlier));
        return new UserContext(facts);
    }
}
