package io.voicegate.http;

import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.session.AppendTranscript;
import io.voicegate.core.session.CreateSession;
import io.voicegate.core.session.EndSession;
import io.voicegate.core.session.GetSession;
import io.voicegate.core.session.GetTranscript;
import io.voicegate.core.session.ListSessions;
import io.voicegate.core.session.StartSession;
import io.voicegate.core.usage.SummariseUsage;

import java.util.Objects;

/** The core use cases behind {@link SessionEndpoints}, and the providers it lists. */
public record SessionUseCases(CreateSession create, StartSession start, EndSession end, GetSession get,
                              ListSessions list, AppendTranscript appendTranscript, GetTranscript transcript,
                              SummariseUsage usage, ProviderRegistry providers) {

    public SessionUseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(appendTranscript, "appendTranscript");
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(providers, "providers");
    }
}
