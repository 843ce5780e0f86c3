package io.voicegate.core.usage;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.identity.UserId;

import java.time.Clock;
import java.util.Objects;

/**
 * Keeps the token usage a provider reported for an API call a user made outside any voice session (a chat
 * completion), stamped with the time it was recorded. Storage failures propagate: the caller decides whether its
 * answer to the user may depend on them (a relayed chat answer must not).
 */
public final class RecordApiUsage {

    /**
     * @param provider the provider that served the call, e.g. {@code openai}
     * @param model    the model as the provider named it in its answer
     */
    public record Command(UserId user, String provider, ApiEndpoint endpoint, String model, long promptTokens,
                          long completionTokens) {
        public Command {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(model, "model");
        }
    }

    private final ApiUsageStore store;
    private final Clock clock;
    private final IdGenerator ids;

    public RecordApiUsage(ApiUsageStore store, Clock clock, IdGenerator ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public ApiUsageRecord handle(Command command) {
        var record = new ApiUsageRecord(ids.next(), command.user(), command.provider(), command.endpoint(),
                command.model(), clock.instant(), command.promptTokens(), command.completionTokens());
        store.append(record);
        return record;
    }
}
