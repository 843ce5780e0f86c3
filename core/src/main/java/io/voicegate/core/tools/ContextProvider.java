package io.voicegate.core.tools;

import io.voicegate.core.identity.UserId;

/**
 * Gives the minimal context about a user that an agent may learn (e.g. display name, locale, how many earlier
 * sessions). Library users plug in their own. Thread-safe; an unknown user gives an empty context, storage failures
 * throw unchecked exceptions.
 */
@FunctionalInterface
public interface ContextProvider {

    UserContext contextOf(UserId user);
}
