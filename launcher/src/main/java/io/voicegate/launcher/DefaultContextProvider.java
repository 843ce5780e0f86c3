package io.voicegate.launcher;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.session.SessionStatus;
import io.voicegate.core.session.SessionStore;
import io.voicegate.core.tools.ContextProvider;
import io.voicegate.core.tools.UserContext;
import io.voicegate.persistence.JdbiProfileData;

import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * What the built-in {@code get_context} tool tells an agent about the caller when the operator plugs in nothing
 * else, for every provider: {@code display_name} and {@code locale} from the profile (when set) and
 * {@code earlier_sessions}, how many sessions they finished before (counted up to {@value #MAX_COUNTED}).
 * Never an email or an id. Thread-safe.
 */
final class DefaultContextProvider implements ContextProvider {

    static final int MAX_COUNTED = 1000;

    private final JdbiProfileData profiles;
    private final SessionStore sessions;

    DefaultContextProvider(JdbiProfileData profiles, SessionStore sessions) {
        this.profiles = profiles;
        this.sessions = sessions;
    }

    @Override
    public UserContext contextOf(UserId user) {
        var profile = profiles.export(user);
        if (profile.isEmpty()) return UserContext.empty();
        var facts = new LinkedHashMap<String, String>();
        profile.get().displayName().ifPresent(name -> facts.put("display_name", name));
        profile.get().locale().ifPresent(locale -> facts.put("locale", locale));
        int earlier = sessions.listOwned(user, Optional.of(SessionStatus.ENDED), Optional.empty(), MAX_COUNTED).size();
        facts.put("earlier_sessions", earlier >= MAX_COUNTED ? MAX_COUNTED + "+" : Integer.toString(earlier));
        return new UserContext(facts);
    }
}
