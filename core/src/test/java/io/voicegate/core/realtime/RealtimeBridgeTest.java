package io.voicegate.core.realtime;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.tools.RunTool;
import io.voicegate.core.tools.Tool;
import io.voicegate.core.tools.ToolFailed;
import io.voicegate.core.tools.ToolRegistry;
import io.voicegate.core.tools.ToolResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class RealtimeBridgeTest {

    private final TestClock clock = new TestClock();
    private final MemoryLink client = new MemoryLink();
    private final MemoryLink upstream = new MemoryLink();
    private final CompletableFuture<UpstreamLink> opening = new CompletableFuture<>();
    private final Recorder observer = new Recorder();
    private final ArrayDeque<Runnable> toolQueue = new ArrayDeque<>();
    private LinkEvents upstreamEvents;
    private SessionPolicy policy = SessionPolicy.none();
    private Executor toolExecutor = Runnable::run;
    private RelayLimits limits = new RelayLimits(Duration.ofMinutes(30), Duration.ofSeconds(120), 2, Duration.ofSeconds(10));
    private final List<String> toolSessions = new ArrayList<>();
    private ToolRegistry tools = ToolRegistry.of(List.of(
            new Tool("get_time", "Tells the time.", "{\"type\":\"object\"}", call -> {
                toolSessions.add(call.sessionRef());
                return "{\"time\":\"noon\"}";
            }),
            new Tool("broken", "Fails.", "{\"type\":\"object\"}", call -> {
                throw new ToolFailed("No \"context\" today.");
            })));

    private final ToolReplies replies = new ToolReplies() {
        @Override
        public List<String> output(FrameMeaning.ToolCallRequested call, String output) {
            return List.of("output:" + call.callId() + ":" + output);
        }

        @Override
        public List<String> continueAfterTools() {
            return List.of("continue");
        }
    };

    final class Recorder implements RelayObserver {
        final List<Object> events = new ArrayList<>();
        final List<RelayEnd> ends = new ArrayList<>();
        boolean connected;
        int sentUpstreamWhenConnected = -1;
        boolean explode;

        @Override
        public void connected() {
            connected = true;
            sentUpstreamWhenConnected = upstream.sent.size();
        }

        @Override
        public void turn(FrameMeaning.TranscriptTurn turn) {
            if (explode) throw new IllegalStateException("store down");
            events.add(turn);
        }

        @Override
        public void usage(RelayUsage usage) {
            events.add(usage);
        }

        @Override
        public void toolCalled(FrameMeaning.ToolCallRequested call, ToolResult result) {
            events.add(result);
        }

        @Override
        public void providerError(FrameMeaning.ProviderError error) {
            events.add(error);
        }

        @Override
        public void ended(RelayEnd end) {
            ends.add(end);
        }
    }

    private RealtimeBridge start() {
        var relays = new Relays();
        var open = new OpenRelay(new RunTool(tools), relays, clock, toolExecutor);
        return open.handle(new OpenRelay.Command("ref_1", client, events -> {
            upstreamEvents = events;
            return opening;
        }, new RelayProtocol(new ScriptedReader(), policy, replies), observer, limits));
    }

    private RealtimeBridge connected() {
        var bridge = start();
        opening.complete(upstream);
        return bridge;
    }

    @Test
    void forwards_frames_unchanged_both_ways() {
        var bridge = connected();
        bridge.clientEvents().onFrame("{\"audio\":\"AAAA\"}");
        upstreamEvents.onFrame("{\"delta\":\"BBBB\"}");
        assertThat(upstream.sent).containsExactly("{\"audio\":\"AAAA\"}");
        assertThat(client.sent).containsExactly("{\"delta\":\"BBBB\"}");
        assertThat(observer.connected).isTrue();
        assertThat(observer.events).isEmpty();
    }

    @Test
    void holds_client_frames_until_the_upstream_opens_and_sends_the_policy_first() {
        policy = new SessionPolicy() {
            @Override
            public List<String> openingFrames() {
                return List.of("configure");
            }

            @Override
            public Decision review(String frame) {
                return Decision.forward(frame);
            }
        };
        var bridge = start();
        bridge.clientEvents().onFrame("one");
        bridge.clientEvents().onFrame("two");
        assertThat(upstream.sent).isEmpty();
        opening.complete(upstream);
        bridge.clientEvents().onFrame("three");
        assertThat(upstream.sent).containsExactly("configure", "one", "two", "three");
    }

    @Test
    void the_session_is_told_it_connected_before_anything_goes_upstream() {
        var bridge = start();
        bridge.clientEvents().onFrame("first");
        opening.complete(upstream);
        assertThat(observer.sentUpstreamWhenConnected).isZero();
        assertThat(upstream.sent).containsExactly("first");
    }

    @Test
    void reports_turns_usage_and_provider_errors_as_they_pass() {
        connected();
        upstreamEvents.onFrame("turn:user:item_1:Hello there");
        upstreamEvents.onFrame("usage:42");
        upstreamEvents.onFrame("error:rate_limited");
        upstreamEvents.onFrame("done:7");
        upstreamEvents.onFrame("done");
        upstreamEvents.onFrame("both:Again");
        assertThat(observer.events).containsExactly(
                new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Hello there", "item_1"),
                new RelayUsage(42, 0, 0, 0, 0, 0, 0, "toy"),
                new FrameMeaning.ProviderError("rate_limited", "toy error"),
                new RelayUsage(7, 0, 0, 0, 0, 0, 0, "toy"),
                new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Again", "item_b"),
                new RelayUsage(1, 0, 0, 0, 0, 0, 0, "toy"));
        assertThat(client.sent).hasSize(6);
    }

    @Test
    void answers_what_the_provider_expects_of_the_relay_and_withholds_the_clients_own_answer() {
        var bridge = connected();
        upstreamEvents.onFrame("ping:7");
        bridge.clientEvents().onFrame("pong:7");
        bridge.clientEvents().onFrame("after");
        assertThat(client.sent).containsExactly("ping:7");
        assertThat(upstream.sent).containsExactly("pong:7", "after");
        assertThat(observer.events).isEmpty();
    }

    @Test
    void passes_client_reconfiguration_through_the_policy() {
        policy = new SessionPolicy() {
            @Override
            public List<String> openingFrames() {
                return List.of();
            }

            @Override
            public Decision review(String frame) {
                return new Decision(List.of("config:locked"), List.of("error:voice is locked"));
            }
        };
        var bridge = connected();
        bridge.clientEvents().onFrame("config:voice=ash");
        assertThat(upstream.sent).containsExactly("config:locked");
        assertThat(client.sent).containsExactly("error:voice is locked");
    }

    @Test
    void runs_a_registered_tool_and_lets_the_model_continue_after_its_turn() {
        connected();
        upstreamEvents.onFrame("tool:call_1:get_time:{}");
        assertThat(upstream.sent).containsExactly("output:call_1:{\"time\":\"noon\"}");
        upstreamEvents.onFrame("done");
        assertThat(upstream.sent).containsExactly("output:call_1:{\"time\":\"noon\"}", "continue");
        assertThat(toolSessions).containsExactly("ref_1");
        assertThat(observer.events).containsExactly(new ToolResult.Answered("{\"time\":\"noon\"}"));
        assertThat(client.sent).containsExactly("tool:call_1:get_time:{}", "done");
    }

    @Test
    void continues_only_when_the_last_slow_tool_answers() {
        toolExecutor = toolQueue::add;
        connected();
        upstreamEvents.onFrame("tool:call_1:get_time:{}");
        upstreamEvents.onFrame("tool:call_2:get_time:{}");
        upstreamEvents.onFrame("done");
        assertThat(upstream.sent).isEmpty();
        toolQueue.poll().run();
        assertThat(upstream.sent).containsExactly("output:call_1:{\"time\":\"noon\"}");
        toolQueue.poll().run();
        assertThat(upstream.sent).containsExactly("output:call_1:{\"time\":\"noon\"}", "output:call_2:{\"time\":\"noon\"}", "continue");
    }

    @Test
    void leaves_unknown_tools_to_the_client() {
        connected();
        upstreamEvents.onFrame("tool:call_9:client_side:{}");
        upstreamEvents.onFrame("done");
        assertThat(upstream.sent).isEmpty();
        assertThat(client.sent).containsExactly("tool:call_9:client_side:{}", "done");
    }

    @Test
    void tells_the_model_when_a_tool_fails() {
        connected();
        upstreamEvents.onFrame("tool:call_1:broken:{}");
        assertThat(upstream.sent).containsExactly("output:call_1:{\"error\":\"No \\\"context\\\" today.\"}");
    }

    @Test
    void ends_once_when_the_client_closes_and_closes_the_upstream() {
        var bridge = connected();
        bridge.clientEvents().onClosed(1000, "bye");
        bridge.clientEvents().onClosed(1000, "bye");
        assertThat(upstream.closeCode).isEqualTo(1000);
        assertThat(client.closed()).isFalse();
        assertThat(observer.ends).containsExactly(new RelayEnd(RelayEnd.Reason.CLIENT_CLOSED, 1000, "bye"));
        bridge.clientEvents().onFrame("late");
        upstreamEvents.onFrame("late");
        assertThat(upstream.sent).isEmpty();
        assertThat(client.sent).isEmpty();
    }

    @Test
    void passes_the_upstream_close_code_and_reason_to_the_client() {
        connected();
        upstreamEvents.onClosed(1001, "Your session hit the maximum duration of 60 minutes.");
        assertThat(client.closeCode).isEqualTo(1001);
        assertThat(client.closeReason).isEqualTo("Your session hit the maximum duration of 60 minutes.");
        assertThat(observer.ends.get(0).reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_CLOSED);
    }

    @Test
    void replaces_close_codes_a_client_may_not_receive() {
        connected();
        upstreamEvents.onClosed(1006, "");
        assertThat(client.closeCode).isEqualTo(1011);
        assertThat(observer.ends.get(0).reason()).isEqualTo(RelayEnd.Reason.UPSTREAM_ERROR);
    }

    @Test
    void closes_the_client_with_1011_when_the_upstream_breaks() {
        connected();
        upstreamEvents.onFailed(new java.io.IOException("reset"));
        assertThat(client.closeCode).isEqualTo(1011);
        assertThat(client.closeReason).doesNotContain("reset");
        assertThat(observer.ends).extracting(RelayEnd::reason).containsExactly(RelayEnd.Reason.UPSTREAM_ERROR);
        assertThat(upstream.closes).isEqualTo(1);
    }

    @Test
    void tells_the_client_to_retry_later_when_the_provider_is_rate_limited() {
        start();
        opening.completeExceptionally(new VoicegateException("The voice provider is busy; try again in 7 seconds.") {
            @Override
            public String code() {
                return "provider_rate_limited";
            }

            @Override
            public Kind kind() {
                return Kind.RATE_LIMITED;
            }
        });
        assertThat(client.closeCode).isEqualTo(1013);
        assertThat(client.closeReason).isEqualTo("The voice provider is busy; try again in 7 seconds.");
    }

    @Test
    void closes_the_client_with_1011_when_the_upstream_cannot_be_reached() {
        var bridge = start();
        bridge.clientEvents().onFrame("early");
        opening.completeExceptionally(new java.net.ConnectException("refused"));
        assertThat(client.closeCode).isEqualTo(1011);
        assertThat(client.closeReason).isEqualTo("The voice provider is unavailable.");
        assertThat(bridge.ended()).isPresent();
    }

    @Test
    void ends_at_the_maximum_duration_without_sleeping() {
        limits = new RelayLimits(Duration.ofMinutes(5), Duration.ofMinutes(10), 2, Duration.ofSeconds(10));
        var bridge = connected();
        clock.advance(Duration.ofMinutes(4));
        bridge.clientEvents().onFrame("x");
        bridge.checkTimeouts();
        assertThat(bridge.ended()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        bridge.checkTimeouts();
        assertThat(client.closeCode).isEqualTo(1001);
        assertThat(client.closeReason).isEqualTo("The session reached its maximum duration of 5 minutes.");
        assertThat(upstream.closeCode).isEqualTo(1000);
        assertThat(observer.ends).extracting(RelayEnd::reason).containsExactly(RelayEnd.Reason.MAX_DURATION);
    }

    @Test
    void ends_after_the_idle_timeout_and_activity_postpones_it() {
        var bridge = connected();
        clock.advance(Duration.ofSeconds(100));
        upstreamEvents.onFrame("x");
        clock.advance(Duration.ofSeconds(100));
        bridge.checkTimeouts();
        assertThat(bridge.ended()).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        bridge.checkTimeouts();
        assertThat(observer.ends).extracting(RelayEnd::reason).containsExactly(RelayEnd.Reason.IDLE_TIMEOUT);
        assertThat(client.closeReason).isEqualTo("The session was idle for 2 minutes.");
    }

    @Test
    void pauses_the_upstream_while_the_client_is_behind_and_ends_a_stalled_client() {
        client.holdSends = true;
        var bridge = connected();
        assertThat(upstreamEvents.onFrame("1").toCompletableFuture()).isDone();
        var paused = upstreamEvents.onFrame("2").toCompletableFuture();
        assertThat(paused).isNotDone();
        client.completeSends();
        assertThat(paused).isDone();

        upstreamEvents.onFrame("3");
        upstreamEvents.onFrame("4");
        clock.advance(Duration.ofSeconds(10));
        bridge.checkTimeouts();
        assertThat(observer.ends).extracting(RelayEnd::reason).containsExactly(RelayEnd.Reason.SLOW_CLIENT);
        assertThat(client.closeCode).isEqualTo(1008);
    }

    @Test
    void ends_when_a_send_to_the_client_fails() {
        client.holdSends = true;
        var bridge = connected();
        upstreamEvents.onFrame("1");
        client.pending.get(0).completeExceptionally(new java.io.IOException("broken pipe"));
        assertThat(bridge.ended()).map(RelayEnd::reason).contains(RelayEnd.Reason.CLIENT_CLOSED);
        assertThat(upstream.closeCode).isEqualTo(1000);
    }

    @Test
    void keeps_relaying_when_the_observer_fails() {
        var bridge = connected();
        observer.explode = true;
        upstreamEvents.onFrame("turn:assistant:item_2:Hi");
        upstreamEvents.onFrame("after");
        assertThat(client.sent).containsExactly("turn:assistant:item_2:Hi", "after");
        assertThat(bridge.ended()).isEmpty();
    }

    @Test
    void relays_checks_and_ends_every_running_bridge() {
        var relays = new Relays();
        var open = new OpenRelay(new RunTool(ToolRegistry.empty()), relays, clock, Runnable::run);
        var second = new MemoryLink();
        var one = open.handle(new OpenRelay.Command("a", client, events -> CompletableFuture.completedFuture(upstream),
                new RelayProtocol(new ScriptedReader(), SessionPolicy.none(), replies), observer, limits));
        open.handle(new OpenRelay.Command("b", second, events -> CompletableFuture.completedFuture(new MemoryLink()),
                new RelayProtocol(new ScriptedReader(), SessionPolicy.none(), replies), observer, limits));
        assertThat(relays.count()).isEqualTo(2);
        one.clientEvents().onClosed(1000, "done");
        relays.checkTimeouts();
        assertThat(relays.count()).isEqualTo(1);
        relays.endAll(RelayEnd.Reason.SERVER_SHUTDOWN, 1001, "Server shutting down.");
        assertThat(second.closeCode).isEqualTo(1001);
        assertThat(relays.count()).isZero();
    }
}
