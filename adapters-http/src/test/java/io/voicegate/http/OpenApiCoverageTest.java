package io.voicegate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiCoverageTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_websocket_route_is_documented_by_the_get_that_asks_for_the_upgrade() throws Exception {
        var document = json.readTree("{\"paths\":{\"/api/v1/relay\":{\"get\":{}},\"/api/v1/sessions\":{\"post\":{}}}}");
        var routes = List.of("WEBSOCKET_BEFORE_UPGRADE /api/v1/relay", "POST /api/v1/sessions", "WEBSOCKET_BEFORE_UPGRADE /openai/v1/realtime");

        assertThat(OpenApiCoverage.undocumented(routes, document)).isEmpty();
        assertThat(OpenApiCoverage.unserved(routes, document)).isEmpty();
        assertThat(OpenApiCoverage.undocumented(List.of("WEBSOCKET_BEFORE_UPGRADE /api/v1/other"), document))
                .containsExactly("GET /api/v1/other");
        assertThat(OpenApiCoverage.unserved(List.of("POST /api/v1/sessions"), document)).containsExactly("GET /api/v1/relay");
    }
}
