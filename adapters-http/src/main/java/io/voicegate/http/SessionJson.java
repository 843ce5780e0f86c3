package io.voicegate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.VoiceProvider;
import io.voicegate.core.session.EndReason;
import io.voicegate.core.session.Turn;
import io.voicegate.core.session.VoiceSession;
import io.voicegate.core.usage.ApiEndpoint;
import io.voicegate.core.usage.ApiUsageTotals;
import io.voicegate.core.usage.QuotaGuard;
import io.voicegate.core.usage.SummariseUsage;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the session API (snake_case through {@link Json#mapper()}); core records never see Jackson. */
final class SessionJson {

    private SessionJson() {
    }

    record Session(String id, String status, String provider, String mode, Optional<String> model,
                   Optional<String> voice, JsonNode metadata, Optional<String> endReason, Instant createdAt,
                   Optional<Instant> startedAt, Optional<Instant> endedAt, Instant expiresAt,
                   boolean transcriptStored) {

        static Session of(VoiceSession s, ObjectMapper mapper) {
            JsonNode metadata;
            try {
                metadata = mapper.readTree(s.metadata());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("stored metadata of session " + s.id() + " is not JSON", e);
            }
            return new Session(s.id().toString(), s.status().wire(), s.provider(), s.mode().wire(), s.model(),
                    s.voice(), metadata, s.endReason().map(EndReason::wire), s.createdAt(), s.startedAt(),
                    s.endedAt(), s.expiresAt(), s.transcriptStored());
        }
    }

    record Created(Session session, Map<String, Object> connect) {
    }

    /**
     * type, url, token, expires_at, then the provider's extra members (which never replace those four). A URL that is a path on this server is made absolute with {@code base} ({@code http(s)://host[:port]}),
     * as {@code ws}/{@code wss} for a relay (an OpenAI SDK given an https base URL always connects with wss).
     */
    static Map<String, Object> connect(ClientCredential credential, String base) {
        var connect = new LinkedHashMap<String, Object>();
        connect.put("type", credential.type());
        credential.url().ifPresent(url -> connect.put("url", absolute(url, credential.type(), base)));
        credential.token().ifPresent(token -> connect.put("token", token));
        connect.put("expires_at", credential.expiresAt());
        credential.extra().forEach(connect::putIfAbsent);
        return connect;
    }

    private static String absolute(String url, String type, String base) {
        if (!url.startsWith("/") || base.isEmpty()) return url;
        return (type.equals("relay") ? base.replaceFirst("^http", "ws") : base) + url;
    }

    record Page(List<Session> sessions, Optional<String> nextCursor) {
    }

    /** @param agentId an ElevenLabs agent other than the default, when the operator allows it */
    record CreateBody(String provider, String mode, String model, String voice, JsonNode metadata, String agentId) {

        /** Provider-specific choices, passed on unchecked (the provider refuses what its policy does not allow). */
        Map<String, String> options() {
            return agentId == null ? Map.of() : Map.of("agent_id", agentId);
        }
    }

    record MessageBody(String role, String content, String timestamp) {
    }

    record TranscriptBody(List<MessageBody> messages) {
    }

    record TranscriptTurn(String itemId, String role, String content, Instant startedAt, Instant endedAt) {
        static TranscriptTurn of(Turn t) {
            return new TranscriptTurn(t.itemId(), t.role().wire(), t.text(), t.startedAt(), t.endedAt());
        }
    }

    record Transcript(String sessionId, boolean transcriptStored, List<TranscriptTurn> turns) {
    }

    record Appended(int received, int added, int duplicates, boolean stored) {
    }

    record Capabilities(boolean transcripts, boolean tools, boolean telephony) {
    }

    record Provider(String id, boolean configured, List<String> modes, List<String> models, List<String> voices,
                    Capabilities capabilities) {
        static Provider of(VoiceProvider p) {
            var c = p.capabilities();
            return new Provider(p.id(), p.configured(), p.modes().stream().map(ConnectionMode::wire).toList(),
                    p.models(), p.voices(), new Capabilities(c.transcripts(), c.tools(), c.telephony()));
        }
    }

    record Providers(List<Provider> providers) {
    }

    record Tokens(long textIn, long textOut, long audioIn, long audioOut, long total) {
    }

    record AudioSeconds(double in, double out) {
    }

    /** One endpoint's calls outside sessions that reported usage, with OpenAI's names for the token counts. */
    record ApiTokens(long requests, long promptTokens, long completionTokens, long totalTokens) {
        static ApiTokens of(ApiUsageTotals t) {
            return new ApiTokens(t.requests(), t.promptTokens(), t.completionTokens(), t.totalTokens());
        }
    }

    record ApiUsage(ApiTokens chatCompletions) {
        static ApiUsage of(Map<ApiEndpoint, ApiUsageTotals> api) {
            return new ApiUsage(ApiTokens.of(api.get(ApiEndpoint.CHAT_COMPLETIONS)));
        }
    }

    record UsageLine(Optional<String> provider, int sessions, double minutes, Tokens tokens, AudioSeconds audioSeconds,
                     long characters, ApiUsage api, double estimatedCostUsd, boolean priced) {
        static UsageLine of(SummariseUsage.Line line, boolean named) {
            var u = line.usage();
            return new UsageLine(named ? Optional.of(line.provider()) : Optional.empty(), line.sessions(),
                    round(line.minutes(), 2),
                    new Tokens(u.textTokensIn(), u.textTokensOut(), u.audioTokensIn(), u.audioTokensOut(), u.tokens()),
                    new AudioSeconds(round(u.audioSecondsIn(), 3), round(u.audioSecondsOut(), 3)), u.characters(),
                    ApiUsage.of(line.api()), round(line.costUsd(), 6), line.priced());
        }
    }

    /** @param remaining empty when the quota is unlimited */
    record Quota(double used, Optional<Double> limit, Optional<Double> remaining, boolean unlimited) {
    }

    record Quotas(Quota concurrentSessions, Quota dailyMinutes, Quota dailyCostUsd) {
        static Quotas of(QuotaGuard.Status s) {
            return new Quotas(
                    new Quota(s.liveSessions(), Optional.of((double) s.concurrentLimit()),
                            Optional.of((double) Math.max(0, s.concurrentLimit() - s.liveSessions())), false),
                    quota(s.minutesToday(), s.limits().dailyMinutes().map(Integer::doubleValue), s.minutesRemaining(), 2),
                    quota(s.costTodayUsd(), s.limits().dailyCostUsd(), s.costRemainingUsd(), 6));
        }

        private static Quota quota(double used, Optional<Double> limit, Optional<Double> remaining, int digits) {
            return new Quota(round(used, digits), limit, remaining.map(r -> round(r, digits)), limit.isEmpty());
        }
    }

    record Usage(Instant from, Instant to, List<UsageLine> providers, UsageLine total, Quotas quotas) {
        static Usage of(SummariseUsage.Summary s) {
            return new Usage(s.from(), s.to(), s.providers().stream().map(l -> UsageLine.of(l, true)).toList(),
                    UsageLine.of(s.total(), false), Quotas.of(s.quotas()));
        }
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
