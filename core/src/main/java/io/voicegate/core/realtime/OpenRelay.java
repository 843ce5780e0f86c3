package io.voicegate.core.realtime;

import io.voicegate.core.tools.RunTool;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Starts a relay for a connected client: builds the bridge, registers it with {@link Relays} for its time limits,
 * and opens the provider's side. Client frames that arrive while the upstream opens are held, then forwarded in order.
 */
public final class OpenRelay {

    /**
     * One relay to start. {@code sessionRef} is the opaque reference tools receive; {@code upstream} opens the
     * provider's connection; {@code observer} hears turns, usage, tool calls and the end.
     */
    public record Command(String sessionRef, ClientLink client, RealtimeUpstream upstream, RelayProtocol protocol,
                          RelayObserver observer, RelayLimits limits) {
        public Command {
            Objects.requireNonNull(sessionRef, "sessionRef");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(observer, "observer");
            Objects.requireNonNull(limits, "limits");
        }
    }

    private final RunTool tools;
    private final Relays relays;
    private final Clock clock;
    private final Executor toolExecutor;

    /** {@code toolExecutor} runs tool handlers off the I/O threads. */
    public OpenRelay(RunTool tools, Relays relays, Clock clock, Executor toolExecutor) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.toolExecutor = Objects.requireNonNull(toolExecutor, "toolExecutor");
    }

    public RealtimeBridge handle(Command command) {
        var bridge = new RealtimeBridge(command.sessionRef(), command.client(), command.protocol(), command.observer(),
                command.limits(), clock, tools, toolExecutor);
        relays.add(bridge);
        bridge.start(command.upstream());
        return bridge;
    }
}
