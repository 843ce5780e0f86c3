package io.voicegate.elevenlabs;

import io.voicegate.core.postcall.WebhookRejected;
import io.voicegate.core.postcall.WebhookRejected.Reason;
import io.voicegate.core.postcall.WebhookRequest;
import io.voicegate.core.postcall.WebhookVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Verifies {@code ElevenLabs-Signature: t=<unix seconds>,v0=<hex>} over the raw body as ElevenLabs' SDKs do
 * (HMAC-SHA256 keyed with the webhook secret over {@code t + "." + body}, the compared value including {@code v0=}),
 * with three deliberate differences: the comparison is constant-time, any of several {@code v0} parts and any of
 * several secrets (rotation) may match, and a timestamp further than the tolerance in the future is refused too.
 * Thread-safe.
 */
public final class ElevenLabsWebhookVerifier implements WebhookVerifier {

    public static final String HEADER = "ElevenLabs-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(30);

    private final List<SecretKeySpec> keys;
    private final Clock clock;
    private final long toleranceMillis;

    public ElevenLabsWebhookVerifier(List<String> secrets, Clock clock, Duration tolerance) {
        Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (tolerance.isNegative() || tolerance.isZero()) throw new IllegalArgumentException("tolerance must be positive");
        this.toleranceMillis = tolerance.toMillis();
        var specs = new ArrayList<SecretKeySpec>();
        for (var secret : secrets) {
            if (secret == null || secret.isBlank()) throw new IllegalArgumentException("a webhook secret must not be blank");
            specs.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        if (specs.isEmpty()) throw new IllegalArgumentException("at least one webhook secret is needed");
        this.keys = List.copyOf(specs);
    }

    public ElevenLabsWebhookVerifier(List<String> secrets, Clock clock) {
        this(secrets, clock, DEFAULT_TOLERANCE);
    }

    @Override
    public void verify(WebhookRequest request) {
        var header = request.header(HEADER).orElseThrow(() -> new WebhookRejected(Reason.MISSING_SIGNATURE));
        String timestamp = null;
        var signatures = new ArrayList<byte[]>();
        // As the SDKs: split on "," without trimming; the first t= wins; parts may come in any order.
        for (var part : header.split(",", -1)) {
            if (part.startsWith("t=") && timestamp == null) timestamp = part.substring(2);
            else if (part.startsWith("v0=")) signatures.add(part.getBytes(StandardCharsets.UTF_8));
        }
        if (timestamp == null || signatures.isEmpty() || !timestamp.matches("[0-9]{1,12}")) {
            throw new WebhookRejected(Reason.MALFORMED_SIGNATURE);
        }
        long signedAtMillis = Long.parseLong(timestamp) * 1000;
        long nowMillis = clock.millis();
        if (signedAtMillis < nowMillis - toleranceMillis) throw new WebhookRejected(Reason.STALE);
        if (signedAtMillis > nowMillis + toleranceMillis) throw new WebhookRejected(Reason.FROM_THE_FUTURE);
        var body = request.body();
        boolean matched = false;
        for (var key : keys) {
            var expected = ("v0=" + hmacHex(key, timestamp, body)).getBytes(StandardCharsets.UTF_8);
            for (var presented : signatures) matched |= MessageDigest.isEqual(expected, presented);
        }
        if (!matched) throw new WebhookRejected(Reason.MISMATCH);
    }

    private static String hmacHex(SecretKeySpec key, String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "ElevenLabsWebhookVerifier[" + keys.size() + " secret(s), tolerance " + toleranceMillis + " ms]";
    }
}
