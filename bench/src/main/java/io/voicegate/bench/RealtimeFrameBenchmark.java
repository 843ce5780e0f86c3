package io.voicegate.bench;

import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.openai.OpenAiEventReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The relay's per-frame hot path: what {@link OpenAiEventReader} does with every audio frame (find the event's type,
 * decide it means nothing, never look at the base64 audio), at about 1 KiB and 64 KiB per frame. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} must be ~0 B/op (the frame itself is allocated by the WebSocket layer,
 * not here). {@code typeLast} puts {@code type} after the audio, the worst case for the scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RealtimeFrameBenchmark {

    @Param({"1024", "65536"})
    public int frameBytes;

    @Param({"false", "true"})
    public boolean typeLast;

    private final OpenAiEventReader reader = new OpenAiEventReader("gpt-realtime", "gpt-4o-mini-transcribe");
    private String append;
    private String delta;

    @Setup
    public void setUp() {
        append = frame("input_audio_buffer.append", "audio", ",\"event_id\":\"event_123\"");
        delta = frame("response.output_audio.delta", "delta",
                ",\"event_id\":\"event_456\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\",\"output_index\":0,\"content_index\":0");
    }

    private String frame(String type, String audioField, String rest) {
        var head = "{\"type\":\"" + type + "\"" + rest + ",\"" + audioField + "\":\"";
        int audioChars = Math.max(4, (frameBytes - head.length() - 2) / 4 * 4);
        var audio = "A".repeat(audioChars);
        return typeLast
                ? "{\"" + audioField + "\":\"" + audio + "\"" + rest + ",\"type\":\"" + type + "\"}"
                : head + audio + "\"}";
    }

    @Benchmark
    public FrameMeaning clientAudioAppend() {
        return reader.fromClient(append);
    }

    @Benchmark
    public FrameMeaning upstreamAudioDelta() {
        return reader.fromUpstream(delta);
    }
}
