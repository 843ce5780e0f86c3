package io.voicegate.launcher.config;

import io.voicegate.core.consent.ConsentPolicy;
import io.voicegate.core.privacy.RetentionPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Consent versions, the audit address-hash key, and how long data is kept. {@link #toString()} never shows the key.
 *
 * @param ipHashKey the configured AUDIT_IP_HASH_KEY; empty means "generate once and keep under DATA_DIR/keys"
 */
public record PrivacyConfig(ConsentPolicy consentPolicy, Optional<byte[]> ipHashKey, int sessionRetentionDays,
                            int auditRetentionDays, Duration sweepInterval) {

    public static final Variable CONSENT_VERSION_VOICE_PROCESSING = Variable.of("CONSENT_VERSION_VOICE_PROCESSING", "1",
            "Policy version users must have accepted for voice_processing (required for any session); raise it to ask again.", "2");
    public static final Variable CONSENT_VERSION_TRANSCRIPT_STORAGE = Variable.of("CONSENT_VERSION_TRANSCRIPT_STORAGE", "1",
            "Policy version users must have accepted for transcript_storage (optional; without it no transcript text is stored).", "2");
    public static final Variable AUDIT_IP_HASH_KEY = Variable.secret("AUDIT_IP_HASH_KEY",
            "Key (at least 32 characters) for the keyed hash of client addresses in the audit trail and consent history. "
                    + "Unset: generated once and kept in DATA_DIR/keys/audit-ip-hash.key (owner-only).",
            "output of: openssl rand -base64 32");
    public static final Variable RETENTION_SESSIONS_DAYS = Variable.of("RETENTION_SESSIONS_DAYS", "90",
            "Days sessions, transcripts and usage records are kept before the retention sweep deletes them.", "30");
    public static final Variable RETENTION_AUDIT_DAYS = Variable.of("RETENTION_AUDIT_DAYS", "730",
            "Days audit events are kept; younger events cannot be deleted (on PostgreSQL the table refuses it).", "1095");
    public static final Variable RETENTION_SWEEP_MINUTES = Variable.of("RETENTION_SWEEP_MINUTES", "60",
            "Minutes between retention sweeps (also on demand: java -jar voicegate.jar retention --now).", "15");

    public static final List<Variable> VARIABLES = List.of(CONSENT_VERSION_VOICE_PROCESSING,
            CONSENT_VERSION_TRANSCRIPT_STORAGE, AUDIT_IP_HASH_KEY, RETENTION_SESSIONS_DAYS, RETENTION_AUDIT_DAYS,
            RETENTION_SWEEP_MINUTES);

    static final int MIN_KEY_CHARS = 32;

    public PrivacyConfig {
        Objects.requireNonNull(consentPolicy, "consentPolicy");
        ipHashKey = ipHashKey.map(byte[]::clone);
        Objects.requireNonNull(sweepInterval, "sweepInterval");
    }

    public static PrivacyConfig from(Env env) {
        var key = env.optional(AUDIT_IP_HASH_KEY);
        if (key.isPresent() && key.get().length() < MIN_KEY_CHARS) {
            throw new ConfigException(AUDIT_IP_HASH_KEY, "at least " + MIN_KEY_CHARS + " characters");
        }
        return new PrivacyConfig(
                ConsentPolicy.of(env.integer(CONSENT_VERSION_VOICE_PROCESSING, 1, 1_000_000),
                        env.integer(CONSENT_VERSION_TRANSCRIPT_STORAGE, 1, 1_000_000)),
                key.map(k -> k.getBytes(StandardCharsets.UTF_8)),
                env.integer(RETENTION_SESSIONS_DAYS, 1, 36_500),
                env.integer(RETENTION_AUDIT_DAYS, 1, 36_500),
                Duration.ofMinutes(env.integer(RETENTION_SWEEP_MINUTES, 1, 10_080)));
    }

    public RetentionPolicy retentionPolicy() {
        return RetentionPolicy.ofDays(sessionRetentionDays, auditRetentionDays);
    }

    @Override
    public Optional<byte[]> ipHashKey() {
        return ipHashKey.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "PrivacyConfig[consentPolicy=" + consentPolicy + ", ipHashKey=" + (ipHashKey.isPresent() ? "***" : "<generated>")
                + ", sessionRetentionDays=" + sessionRetentionDays + ", auditRetentionDays=" + auditRetentionDays
                + ", sweepInterval=" + sweepInterval + "]";
    }
}
