package io.voicegate.core.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An in-memory link for bridge tests: records frames and the close; sends complete at once unless held. */
final class MemoryLink implements ClientLink, UpstreamLink {

    final List<String> sent = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    boolean holdSends;
    int closeCode = -1;
    String closeReason;
    int closes;

    @Override
    public synchronized CompletionStage<Void> send(String frame) {
        sent.add(frame);
        var stage = new CompletableFuture<Void>();
        if (holdSends) pending.add(stage);
        else stage.complete(null);
        return stage;
    }

    @Override
    public synchronized void close(int code, String reason) {
        closes++;
        if (closeCode == -1) {
            closeCode = code;
            closeReason = reason;
        }
    }

    void completeSends() {
        List<CompletableFuture<Void>> waiting;
        synchronized (this) {
            waiting = List.copyOf(pending);
            pending.clear();
        }
        waiting.forEach(s -> s.complete(null));
    }

    boolean closed() {
        return closeCode != -1;
    }
}
