package io.voicegate.testkit;

import io.voicegate.core.session.SessionRefs;

class InMemorySessionRefsTest extends SessionRefsContract {

    private final InMemorySessionRefs refs = new InMemorySessionRefs();

    @Override
    protected SessionRefs refs() {
        return refs;
    }

    @Override
    protected SessionRefs.Target target() {
        return randomTarget();
    }
}
