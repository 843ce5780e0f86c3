package io.voicegate.core.usage;

import io.voicegate.core.identity.UserId;

import java.time.Instant;
import java.util.List;

/**
 * Where the usage of API calls outside voice sessions is kept (append-only; erasure and the retention sweep delete).
 * The rows are personal data, so a server's implementation is also the {@code api_usage} section of
 * {@link io.voicegate.core.privacy.PersonalData} and {@link io.voicegate.core.privacy.ExpiringData}. Thread-safe;
 * storage failures throw unchecked exceptions.
 */
public interface ApiUsageStore {

    void append(ApiUsageRecord record);

    /** The user's records with {@code from <= at < to}, oldest first. */
    List<ApiUsageRecord> forUser(UserId user, Instant from, Instant to);
}
