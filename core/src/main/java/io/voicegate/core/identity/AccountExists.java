package io.voicegate.core.identity;

import io.voicegate.core.VoicegateException;

/** An account with this email (or external identity) exists already: 409. */
public final class AccountExists extends VoicegateException {

    public AccountExists() {
        super("An account with this email exists already.");
    }

    @Override
    public String code() {
        return "account_exists";
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
