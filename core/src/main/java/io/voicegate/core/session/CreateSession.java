package io.voicegate.core.session;

import io.voicegate.core.IdGenerator;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.consent.ConsentGate;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.provider.ClientCredential;
import io.voicegate.core.provider.ConnectionMode;
import io.voicegate.core.provider.CredentialRequest;
import io.voicegate.core.provider.ProviderRegistry;
import io.voicegate.core.provider.VoiceProvider;
import io.voicegate.core.usage.QuotaGuard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a session: checks the provider, the mode, model and voice against its policy, the caller's consent and
 * quotas, has the provider mint a client credential, and records the CREATED session (nothing is stored when any
 * step refuses). Whether the session keeps transcript text follows the caller's {@code transcript_storage} consent
 * at this moment ({@link VoiceSession#transcriptStored()}).
 */
public final class CreateSession {

    /**
     * @param metadata a JSON object text, at most {@link VoiceSession#MAX_METADATA_BYTES} bytes
     * @param options  provider-specific choices (e.g. {@code agent_id}), checked by the provider
     */
    public record Command(UserId user, String provider, Optional<String> mode, Optional<String> model,
                          Optional<String> voice, String metadata, Map<String, String> options,
                          RequestContext request) {
        public Command {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(metadata, "metadata");
            options = Map.copyOf(options);
            Objects.requireNonNull(request, "request");
        }

        public Command(UserId user, String provider, Optional<String> mode, Optional<String> model,
                       Optional<String> voice, String metadata, RequestContext request) {
            this(user, provider, mode, model, voice, metadata, Map.of(), request);
        }
    }

    public record Created(VoiceSession session, ClientCredential connect) {
    }

    private final SessionStore sessions;
    private final ProviderRegistry providers;
    private final SessionAdmission admission;
    private final SessionPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;
    private final IdGenerator ids;
    private final AgentHandoff handoff;

    /** Without a handoff store: agents get a session reference that resolves to nothing (tests, benchmarks). */
    public CreateSession(SessionStore sessions, ProviderRegistry providers, QuotaGuard quotas, ConsentGate consents,
                         SessionPolicy policy, AuditTrail audit, Clock clock, IdGenerator ids) {
        this(sessions, providers, quotas, consents, policy, audit, clock, ids, new AgentHandoff(SessionRefGenerator.secure(),
                NO_REFS, user -> Map.of(), (provider, conversation, ref) -> { }));
    }

    public CreateSession(SessionStore sessions, ProviderRegistry providers, QuotaGuard quotas, ConsentGate consents,
                         SessionPolicy policy, AuditTrail audit, Clock clock, IdGenerator ids, AgentHandoff handoff) {
        this.handoff = Objects.requireNonNull(handoff, "handoff");
        this.sessions = sessions;
        this.providers = providers;
        this.admission = new SessionAdmission(consents, quotas, audit);
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws io.voicegate.core.consent.ConsentRequired (403) without current {@code voice_processing} consent
     * @throws io.voicegate.core.usage.QuotaExceeded     (429) when a quota leaves no room
     */
    public Created handle(Command command) {
        var provider = providers.require(command.provider());
        var mode = modeOf(provider, command.mode());
        var model = choose(provider.models(), command.model(), "/model", "model");
        var voice = choose(provider.voices(), command.voice(), "/voice", "voice");
        if (command.metadata().getBytes(StandardCharsets.UTF_8).length > VoiceSession.MAX_METADATA_BYTES) {
            throw InvalidSessionRequest.field("/metadata",
                    "Field '/metadata' must be at most " + VoiceSession.MAX_METADATA_BYTES + " bytes of JSON.");
        }
        var now = clock.instant();
        var consent = admission.admit(command.user(), now, command.request());
        var id = new SessionId(ids.next());
        var prepared = handoff.prepare(command.user());
        var credential = provider.mint(new CredentialRequest(id, command.user(), mode, model, voice,
                policy.maxDuration(), prepared.variables(), command.options()));
        var session = VoiceSession.created(id, command.user(), provider.id(), mode, model, voice,
                command.metadata(), now, credential.expiresAt()).withTranscriptStored(consent.storeTranscripts());
        sessions.insert(session);
        handoff.bind(prepared, session, credential);
        audit.userAction(command.user(), "session.create", "voice_session", id.toString(), Outcome.SUCCESS,
                command.request());
        return new Created(session, credential);
    }

    private static final SessionRefs NO_REFS = new SessionRefs() {
        @Override
        public void assign(SessionRef ref, Target target) {
        }

        @Override
        public Optional<Target> find(SessionRef ref) {
            return Optional.empty();
        }

        @Override
        public Optional<SessionRef> refOf(java.util.UUID sessionId) {
            return Optional.empty();
        }

        @Override
        public boolean linkConversation(java.util.UUID sessionId, String conversationId) {
            return false;
        }

        @Override
        public Optional<Target> findByConversation(String provider, String conversationId) {
            return Optional.empty();
        }
    };

    private static ConnectionMode modeOf(VoiceProvider provider, Optional<String> requested) {
        if (requested.isEmpty()) return provider.defaultMode();
        var mode = ConnectionMode.parse(requested.get()).filter(provider.modes()::contains);
        return mode.orElseThrow(() -> InvalidSessionRequest.field("/mode", "Field '/mode' must be one of "
                + String.join(", ", provider.modes().stream().map(ConnectionMode::wire).toList())
                + " for provider '" + provider.id() + "'."));
    }

    private static Optional<String> choose(java.util.List<String> allowed, Optional<String> requested,
                                           String pointer, String what) {
        if (requested.isEmpty()) return allowed.stream().findFirst();
        if (allowed.contains(requested.get())) return requested;
        var listed = allowed.isEmpty() ? "this provider has no " + what + " choice" : "allowed: " + String.join(", ", allowed);
        throw InvalidSessionRequest.field(pointer, "Field '" + pointer + "' names a " + what
                + " that policy does not allow (" + listed + ").");
    }
}
