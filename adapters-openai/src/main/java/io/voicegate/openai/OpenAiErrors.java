package io.voicegate.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.VoicegateException;
import io.voicegate.core.provider.ProviderRateLimited;
import io.voicegate.core.provider.ProviderRejectedRequest;
import io.voicegate.core.provider.ProviderUnavailable;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Maps an OpenAI error response to a core exception. A refusal of Voicegate's own key (401/403) becomes
 * {@link ProviderUnavailable} and never repeats OpenAI's message (it quotes part of the key); 429 keeps
 * {@code Retry-After}; a 5xx is a passing failure, retried after OpenAI's {@code Retry-After} or a second; other 4xx keep OpenAI's code, message and param (they concern the client's request).
 */
final class OpenAiErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiErrors() {
    }

    static VoicegateException of(int status, HttpHeaders headers, byte[] body) {
        if (status == 401 || status == 403) {
            return new ProviderUnavailable("The voice provider refused Voicegate's credentials; the operator must check OPENAI_API_KEY.");
        }
        if (status == 429 && "insufficient_quota".equals(errorCode(body))) {
            return ProviderRateLimited.quotaExhausted(
                    "The voice provider's quota for this server is used up; the operator must check the provider account.");
        }
        if (status == 429) {
            var retryAfter = headers.firstValue("retry-after").flatMap(OpenAiErrors::parseRetryAfter).orElse(null);
            return new ProviderRateLimited("The voice provider is rate limiting requests; try again later.", retryAfter);
        }
        if (status >= 500) {
            var retryAfter = headers.firstValue("retry-after").flatMap(OpenAiErrors::parseRetryAfter)
                    .orElse(ProviderUnavailable.DEFAULT_RETRY);
            return ProviderUnavailable.passing("The voice provider failed to answer (status " + status + ").", null, retryAfter);
        }
        if (status < 400) {
            return new ProviderUnavailable("The voice provider failed to answer (status " + status + ").");
        }
        String code = "invalid_request_error";
        String message = "The voice provider rejected the request.";
        String param = null;
        try {
            var error = MAPPER.readTree(body).path("error");
            if (error.path("code").isTextual()) code = error.get("code").asText();
            if (error.path("message").isTextual()) message = error.get("message").asText();
            if (error.path("param").isTextual() && !error.get("param").asText().isEmpty()) param = error.get("param").asText();
        } catch (java.io.IOException | RuntimeException unreadable) {
            // Keep the generic message.
        }
        var kind = status == 404 ? VoicegateException.Kind.NOT_FOUND
                : status == 409 ? VoicegateException.Kind.CONFLICT
                : status == 413 ? VoicegateException.Kind.TOO_LARGE : VoicegateException.Kind.INVALID;
        return new ProviderRejectedRequest(code, kind, message, param);
    }

    private static String errorCode(byte[] body) {
        try {
            return MAPPER.readTree(body).path("error").path("code").asText("");
        } catch (java.io.IOException | RuntimeException unreadable) {
            return "";
        }
    }

    static java.util.Optional<Duration> parseRetryAfter(String value) {
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds >= 0 ? java.util.Optional.of(Duration.ofSeconds(seconds)) : java.util.Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                var wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return java.util.Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException unreadable) {
                return java.util.Optional.empty();
            }
        }
    }
}
