package io.voicegate.openai;

import io.voicegate.core.realtime.FrameMeaning;
import io.voicegate.core.realtime.RelayUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames below are the protocol doc's examples (shared/protocols/openai.md §2.5–§2.6). */
class OpenAiEventReaderTest {

    private final OpenAiEventReader reader = new OpenAiEventReader("gpt-realtime", "gpt-4o-transcribe");

    @Test
    void finds_the_top_level_type_wherever_it_is() {
        assertThat(EventType.of("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}")).isEqualTo("session.update");
        assertThat(EventType.of("{\"session\":{\"type\":\"realtime\"},\"type\":\"session.update\"}")).isEqualTo("session.update");
        assertThat(EventType.of("{\"event_id\":\"e\\\"type\\\"\", \"type\" : \"x.y\"}")).isEqualTo("x.y");
        assertThat(EventType.of("{\"items\":[{\"type\":\"a\"}],\"role\":\"type\",\"type\":\"b\"}")).isEqualTo("b");
        assertThat(EventType.of("{\"audio\":\"" + "A".repeat(5000) + "\",\"type\":\"input_audio_buffer.append\"}"))
                .isEqualTo("input_audio_buffer.append");
        assertThat(EventType.of("{\"text\":\"ends in a backslash \\\\\",\"type\":\"x.z\"}")).isEqualTo("x.z");
        assertThat(EventType.of("{\"text\":\"\\\\\\\"type\\\\\\\":\\\\\\\"no\\\\\\\"\",\"type\":\"yes\"}")).isEqualTo("yes");
        assertThat(EventType.of("{\"session\":{\"type\":\"realtime\"}}")).isEmpty();
        assertThat(EventType.of("not json")).isEmpty();
        assertThat(EventType.of("{\"type\":\"unterminated")).isEmpty();
        assertThat(EventType.of("{\"type\":42}")).isEmpty();
    }

    @Test
    void audio_frames_mean_nothing() {
        assertThat(reader.fromClient("{\"event_id\":\"evt_c_1\",\"type\":\"input_audio_buffer.append\",\"audio\":\"AAAA//8AAP7/\"}"))
                .isSameAs(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_1\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"AAAA\"}"))
                .isSameAs(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"The\"}")).isSameAs(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("garbage")).isSameAs(FrameMeaning.NOTHING);
    }

    @Test
    void reads_user_and_assistant_transcript_turns() {
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"event_..\",\"item_id\":\"item_u1\",\"content_index\":0,\"transcript\":\"Hey, can you hear me?\",\"usage\":{\"type\":\"tokens\",\"total_tokens\":22,\"input_tokens\":13,\"input_token_details\":{\"text_tokens\":0,\"audio_tokens\":13},\"output_tokens\":9}}"))
                .isEqualTo(new FrameMeaning.Several(java.util.List.of(
                        new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Hey, can you hear me?", "item_u1"),
                        new FrameMeaning.UsageReported(new RelayUsage(0, 9, 13, 0, 0, 0, 0, "gpt-4o-transcribe")))));
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_u2\",\"transcript\":\"Hi\",\"usage\":{\"type\":\"duration\",\"seconds\":2.4}}"))
                .isEqualTo(new FrameMeaning.Several(java.util.List.of(
                        new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Hi", "item_u2"),
                        new FrameMeaning.UsageReported(new RelayUsage(0, 0, 0, 0, 0, 2400, 0, "gpt-4o-transcribe")))));
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"item_u3\",\"transcript\":\"Yo\"}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "Yo", "item_u3"));
        assertThat(reader.fromUpstream("{\"type\":\"response.output_audio_transcript.done\",\"event_id\":\"event_..\",\"response_id\":\"resp_..\",\"item_id\":\"item_a1\",\"output_index\":0,\"content_index\":0,\"transcript\":\"Sure! Here we go...\"}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, "Sure! Here we go...", "item_a1"));
        assertThat(reader.fromUpstream("{\"type\":\"response.output_text.done\",\"item_id\":\"item_t1\",\"text\":\"Hi.\"}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.ASSISTANT, "Hi.", "item_t1"));
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_x\",\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}}"))
                .isEqualTo(new FrameMeaning.TranscriptTurn(FrameMeaning.Speaker.USER, "hi", "item_x"));
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.done\",\"event_id\":\"event_..\",\"previous_item_id\":null,\"item\":{\"id\":\"item_a\",\"type\":\"message\",\"status\":\"completed\",\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"transcript\":null}]}}"))
                .isSameAs(FrameMeaning.NOTHING);
        assertThat(reader.fromUpstream("{\"type\":\"conversation.item.done\",\"item\":{\"id\":\"item_f\",\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"{}\"}}"))
                .isSameAs(FrameMeaning.NOTHING);
    }

    @Test
    void reads_function_calls_errors_and_the_end_of_a_response_with_usage() {
        assertThat(reader.fromUpstream("{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"event_..\",\"response_id\":\"resp_002\",\"item_id\":\"item_fc1\",\"output_index\":0,\"call_id\":\"call_001\",\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\": \\\"Paris\\\"}\"}"))
                .isEqualTo(new FrameMeaning.ToolCallRequested("call_001", "get_weather", "{\"city\": \"Paris\"}"));
        assertThat(reader.fromUpstream("{\"type\":\"error\",\"event_id\":\"event_890\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_event\",\"message\":\"The 'type' field is missing.\",\"param\":null,\"event_id\":\"event_567\"}}"))
                .isEqualTo(new FrameMeaning.ProviderError("invalid_event", "The 'type' field is missing."));
        var done = reader.fromUpstream("{\"type\":\"response.done\",\"event_id\":\"event_..\",\"response\":{\"object\":\"realtime.response\",\"id\":\"resp_..\",\"status\":\"completed\",\"status_details\":null,\"output\":[],\"usage\":{\"total_tokens\":320,\"input_tokens\":132,\"output_tokens\":188,\"input_token_details\":{\"text_tokens\":59,\"audio_tokens\":73,\"image_tokens\":0,\"cached_tokens\":64,\"cached_tokens_details\":{\"text_tokens\":0,\"audio_tokens\":64,\"image_tokens\":0}},\"output_token_details\":{\"text_tokens\":41,\"audio_tokens\":147}},\"metadata\":null}}");
        assertThat(done).isEqualTo(new FrameMeaning.TurnFinished(new RelayUsage(59, 41, 73, 147, 64, 0, 0, "gpt-realtime")));
        assertThat(reader.fromUpstream("{\"type\":\"response.done\",\"response\":{\"usage\":null}}"))
                .isEqualTo(new FrameMeaning.TurnFinished(RelayUsage.NONE));
    }

    @Test
    void flags_client_reconfiguration_for_the_policy() {
        assertThat(reader.fromClient("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Be brief.\"}}"))
                .isInstanceOf(FrameMeaning.SessionConfiguration.class);
        assertThat(reader.fromClient("{\"type\":\"response.create\",\"response\":{\"instructions\":\"Summarize.\"}}"))
                .isInstanceOf(FrameMeaning.SessionConfiguration.class);
        assertThat(reader.fromClient("{\"type\":\"response.create\"}")).isSameAs(FrameMeaning.NOTHING);
        assertThat(reader.fromClient("{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\"}}")).isSameAs(FrameMeaning.NOTHING);
    }
}
