package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChatUsageTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private Optional<ChatUsage> in(String json) {
        return ChatUsage.in(mapper, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_final_chunk_of_a_stream_with_include_usage_as_the_protocol_shows_it() {
        assertThat(in("{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,"
                + "\"total_tokens\":21,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0}}}"))
                .contains(new ChatUsage("gpt-4o-mini", 9, 12));
    }

    @Test
    void ordinary_chunks_and_answers_without_usage_count_nothing() {
        assertThat(in("{\"model\":\"gpt-4o-mini\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}],\"usage\":null}")).isEmpty();
        assertThat(in("{\"model\":\"gpt-4o-mini\",\"choices\":[]}")).isEmpty();
        assertThat(in("{\"usage\":{}}")).isEmpty();
        assertThat(in("{\"usage\":{\"prompt_tokens\":\"many\",\"completion_tokens\":-3}}")).isEmpty();
        assertThat(in("not json")).isEmpty();
        assertThat(in("[1]")).isEmpty();
    }

    @Test
    void a_missing_count_reads_as_zero_and_a_missing_model_as_empty() {
        assertThat(in("{\"usage\":{\"prompt_tokens\":7}}")).contains(new ChatUsage("", 7, 0));
    }
}
