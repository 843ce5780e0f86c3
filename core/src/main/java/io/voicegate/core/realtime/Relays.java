package io.voicegate.core.realtime;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relays running in this process: checked periodically for their time limits, ended together at shutdown.
 * Thread-safe. Whoever owns the scheduler calls {@link #checkTimeouts()} (e.g. every second). As {@link LiveRelays}
 * it closes the relay of one session when the session is ended elsewhere.
 */
public final class Relays implements LiveRelays {

    private final Set<RealtimeBridge> running = ConcurrentHashMap.newKeySet();

    void add(RealtimeBridge bridge) {
        running.add(bridge);
    }

    public int count() {
        running.removeIf(b -> b.ended().isPresent());
        return running.size();
    }

    public Collection<RealtimeBridge> running() {
        return List.copyOf(running);
    }

    /** Ends relays past their maximum duration, idle timeout or stall limit, and forgets ended ones. */
    public void checkTimeouts() {
        for (var bridge : running) {
            bridge.checkTimeouts();
            if (bridge.ended().isPresent()) running.remove(bridge);
        }
    }

    @Override
    public boolean end(String sessionRef, RelayEnd.Reason reason, int closeCode, String detail) {
        boolean found = false;
        for (var bridge : running) {
            if (bridge.sessionRef().equals(sessionRef) && bridge.ended().isEmpty()) {
                bridge.end(reason, closeCode, detail);
                found = true;
            }
        }
        return found;
    }

    /** Ends every relay with the same reason (e.g. server shutdown, 1001). */
    public void endAll(RelayEnd.Reason reason, int closeCode, String detail) {
        for (var bridge : running) bridge.end(reason, closeCode, detail);
        running.clear();
    }
}
