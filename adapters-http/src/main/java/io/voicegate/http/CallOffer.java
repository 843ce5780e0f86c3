package io.voicegate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WebRTC offer in either body form the SDKs send to {@code POST /realtime/calls}: the bare SDP
 * ({@code application/sdp}), or multipart with an {@code sdp} part and an optional {@code session} part (JSON text);
 * any part content type is accepted, as browsers' {@code FormData} sends them untyped.
 *
 * @param session the client's session config, or null when it sent none
 */
record CallOffer(String sdp, JsonNode session) {

    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    static CallOffer read(Context ctx, ObjectMapper mapper) {
        var contentType = String.valueOf(ctx.contentType()).toLowerCase(java.util.Locale.ROOT);
        var body = ctx.bodyAsBytes();
        String sdp;
        JsonNode session = null;
        if (contentType.startsWith("application/sdp")) {
            sdp = new String(body, StandardCharsets.UTF_8);
        } else if (contentType.startsWith("multipart/form-data")) {
            var parts = parts(String.valueOf(ctx.contentType()), body);
            sdp = parts.get("sdp");
            var sessionText = parts.get("session");
            if (sessionText != null && !sessionText.isBlank()) {
                try {
                    session = mapper.readTree(sessionText);
                } catch (IOException e) {
                    throw BadRequest.field("/session", "Part 'session' must be a JSON object.");
                }
            }
        } else {
            throw new BadRequest("unsupported_content_type",
                    "Send the SDP offer as application/sdp, or as multipart/form-data with 'sdp' and 'session' parts.",
                    Optional.empty());
        }
        if (sdp == null || sdp.isBlank()) {
            throw new BadRequest("missing_required_parameter", "Missing required parameter: 'sdp'.", Optional.of("/sdp"));
        }
        if (!sdp.startsWith("v=0")) throw new BadRequest("invalid_offer", "Invalid SDP offer.", Optional.of("/sdp"));
        return new CallOffer(sdp, session);
    }

    /** Part name to text, for the small form-data bodies of a call (no files). */
    private static Map<String, String> parts(String contentType, byte[] body) {
        var parts = new LinkedHashMap<String, String>();
        var at = contentType.toLowerCase(java.util.Locale.ROOT).indexOf("boundary=");
        if (at < 0) throw new BadRequest("invalid_multipart", "The multipart body has no boundary.", Optional.empty());
        var boundary = contentType.substring(at + 9).split(";")[0].strip().replace("\"", "");
        var text = new String(body, StandardCharsets.UTF_8);
        for (var section : text.split("--" + Pattern.quote(boundary))) {
            int headerEnd = section.indexOf("\r\n\r\n");
            if (headerEnd < 0) continue;
            var matcher = NAME.matcher(section.substring(0, headerEnd));
            if (!matcher.find()) continue;
            var content = section.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) content = content.substring(0, content.length() - 2);
            parts.putIfAbsent(matcher.group(1), content);
        }
        return parts;
    }
}
