package io.voicegate.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicegate.core.postcall.IngestPostCallWebhook;
import io.voicegate.core.postcall.PostCallEvent;
import io.voicegate.core.session.SessionRef;
import io.voicegate.elevenlabs.ElevenLabsPostCallParser;
import io.voicegate.elevenlabs.ElevenLabsWebhookVerifier;
import io.voicegate.http.ElevenLabsWebhookEndpoints;
import io.voicegate.http.HttpApi;
import io.voicegate.http.HttpListeners;
import io.voicegate.http.HttpSettings;
import io.voicegate.http.OpenSockets;
import io.voicegate.testkit.ElevenLabsWebhookSender;
import io.voicegate.testkit.InMemoryPostCallSink;
import io.voicegate.testkit.InMemoryWebhookEvents;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-call webhook end to end over HTTP with the real ElevenLabs verifier and parser, ElevenLabs' signing
 * imitated by the testkit sender: every rejection answers 401, a replay changes nothing, an unknown conversation is
 * kept (202), rotation accepts old and new secrets, audio is only acknowledged unless audio is stored.
 */
class ElevenLabsWebhookFlowIT {

    private static final String OLD_SECRET = "wsec_old_0123456789";
    private static final String NEW_SECRET = "wsec_new_9876543210";
    private static final UUID SESSION = UUID.fromString("00000000-0000-4000-8000-00000000cafe");
    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");

    private final MutableClock serverClock = MutableClock.at(NOW);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final InMemoryPostCallSink sink = new InMemoryPostCallSink().knowConversation("elevenlabs", "conv_known", SESSION);
    private final InMemoryWebhookEvents events = new InMemoryWebhookEvents();
    private final ObjectMapper json = new ObjectMapper();
    private HttpApi api;

    private HttpApi start(boolean storeAudio) {
        var verifier = new ElevenLabsWebhookVerifier(List.of(NEW_SECRET, OLD_SECRET), serverClock);
        var ingest = new IngestPostCallWebhook(verifier, new ElevenLabsPostCallParser(), sink, events, serverClock, storeAudio);
        var endpoints = new ElevenLabsWebhookEndpoints(ingest);
        var settings = ElevenLabsWebhookEndpoints.bodyLimit(HttpSettings.defaults(), ElevenLabsWebhookEndpoints.DEFAULT_MAX_BYTES);
        api = HttpApi.create(settings, List.of(endpoints), new OpenSockets()).start(HttpListeners.loopback(), Duration.ofSeconds(2));
        return api;
    }

    @AfterEach
    void stop() {
        if (api != null) api.stop("test over");
    }

    private URI webhook() {
        return URI.create("http://127.0.0.1:" + api.port() + ElevenLabsWebhookEndpoints.PATH);
    }

    private ElevenLabsWebhookSender sender(String secret, Instant signingTime) {
        return new ElevenLabsWebhookSender(http, secret, MutableClock.at(signingTime));
    }

    private byte[] transcription(ElevenLabsWebhookSender sender, String conversation) {
        return sender.transcription("agent_1", conversation, Optional.empty(), List.of(
                new ElevenLabsWebhookSender.Line("agent", "Hello, how can I help?", 0),
                new ElevenLabsWebhookSender.Line("user", "Where is my parcel?", 3)), 42, 120);
    }

    private void assertRejected(ElevenLabsWebhookSender.Answer answer) throws Exception {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(json.readTree(answer.body()).get("type").asText()).isEqualTo("invalid_webhook_signature");
        assertThat(answer.body()).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET);
    }

    @Test
    void a_signed_transcription_is_recorded_once_and_its_replay_answers_200_without_effect() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW.minusSeconds(5));
        var body = transcription(sender, "conv_known");
        var header = sender.signature(NOW.minusSeconds(5).getEpochSecond(), body);

        assertThat(sender.post(webhook(), body, Optional.of(header)).status()).isEqualTo(200);
        var replay = sender.post(webhook(), body, Optional.of(header));
        assertThat(replay.status()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("status").asText()).isEqualTo("duplicate");

        assertThat(sink.delivered()).singleElement().satisfies(delivered -> {
            assertThat(delivered.sessionId()).isEqualTo(SESSION);
            var report = (PostCallEvent.Report) delivered.event();
            assertThat(report.turns()).hasSize(2);
            assertThat(report.duration()).contains(Duration.ofSeconds(42));
        });
    }

    @Test
    void rotation_accepts_the_old_and_the_new_secret() {
        start(false);
        var old = sender(OLD_SECRET, NOW);
        assertThat(old.send(webhook(), transcription(old, "conv_known")).status()).isEqualTo(200);
        var fresh = sender(NEW_SECRET, NOW);
        assertThat(fresh.send(webhook(), fresh.initiationFailure("agent_1", "conv_known", "busy")).status()).isEqualTo(200);
        assertThat(sink.delivered()).hasSize(2);
    }

    @Test
    void an_unknown_conversation_answers_202_and_is_kept_with_its_session_reference() {
        start(false);
        var sender = sender(NEW_SECRET, NOW);
        var ref = "Q29udmVyc2F0aW9uUmVmMQ";
        var body = sender.transcription("agent_1", "conv_later", Optional.of(ref), List.of(), 1, 1);
        assertThat(sender.send(webhook(), body).status()).isEqualTo(202);
        assertThat(events.unmatchedBySessionRef(new SessionRef(ref))).singleElement()
                .satisfies(kept -> assertThat(kept.body()).isEqualTo(body));
    }

    @Test
    void audio_is_acknowledged_but_not_stored_unless_configured() {
        start(false);
        var sender = sender(NEW_SECRET, NOW);
        var audio = sender.audio("agent_1", "conv_known", "ID3fake".getBytes(StandardCharsets.US_ASCII));
        assertThat(sender.send(webhook(), audio).status()).isEqualTo(200);
        assertThat(sink.delivered()).isEmpty();
        api.stop("restart");
        start(true);
        assertThat(sender.send(webhook(), audio).status()).isEqualTo(200);
        assertThat(sink.delivered()).singleElement().satisfies(d -> assertThat(d.event()).isInstanceOf(PostCallEvent.Audio.class));
    }

    @Test
    void missing_header_is_401() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW);
        assertRejected(sender.post(webhook(), transcription(sender, "conv_known"), Optional.empty()));
    }

    @Test
    void malformed_header_is_401() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW);
        var body = transcription(sender, "conv_known");
        assertRejected(sender.post(webhook(), body, Optional.of("sha256=abcdef")));
        assertRejected(sender.post(webhook(), body, Optional.of(sender.signature(NOW.getEpochSecond(), body).replace(",", ", "))));
    }

    @Test
    void stale_timestamp_is_401() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW.minus(Duration.ofMinutes(30)).minusSeconds(1));
        assertRejected(sender.send(webhook(), transcription(sender, "conv_known")));
    }

    @Test
    void timestamp_in_the_future_beyond_tolerance_is_401() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW.plus(Duration.ofMinutes(31)));
        assertRejected(sender.send(webhook(), transcription(sender, "conv_known")));
    }

    @Test
    void tampered_body_is_401() throws Exception {
        start(false);
        var sender = sender(NEW_SECRET, NOW);
        var body = transcription(sender, "conv_known");
        var header = sender.signature(NOW.getEpochSecond(), body);
        var tampered = new String(body, StandardCharsets.UTF_8).replace("Where is my parcel?", "Delete my account")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected(sender.post(webhook(), tampered, Optional.of(header)));
    }

    @Test
    void wrong_secret_is_401() throws Exception {
        start(false);
        var sender = sender("wsec_attacker_guess", NOW);
        assertRejected(sender.send(webhook(), transcription(sender, "conv_known")));
        assertThat(sink.delivered()).isEmpty();
        assertThat(events.claimed()).isZero();
    }
}
