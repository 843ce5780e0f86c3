package io.voicegate.core.tools;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.UnknownSessionRef;

import java.util.Objects;

/**
 * Runs a server tool an agent's provider called over HTTP for a session it knows only by its {@link SessionRef}:
 * refuses unknown tools and references, runs the tool (every failure becomes a speakable JSON error), and audits the
 * call with the names of the fields it disclosed.
 */
public final class RunServerTool {

    static final String ACTION = "tool.call";

    /**
     * @param actor     who called, for the audit trail, e.g. {@code agent:elevenlabs}
     * @param arguments the tool's parameters, JSON object text
     */
    public record Command(String tool, SessionRef ref, String arguments, String actor, RequestContext request) {
        public Command {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(request, "request");
        }
    }

    private final RunTool tools;
    private final SessionRefs refs;
    private final AuditTrail audit;

    public RunServerTool(ToolRegistry tools, SessionRefs refs, AuditTrail audit) {
        this.tools = new RunTool(Objects.requireNonNull(tools, "tools"));
        this.refs = Objects.requireNonNull(refs, "refs");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * @throws UnknownTool       when no tool has that name
     * @throws UnknownSessionRef when the reference points at no session (audited as denied)
     */
    public ToolResult handle(Command command) {
        if (!tools.knows(command.tool())) throw new UnknownTool();
        var target = refs.find(command.ref()).orElse(null);
        if (target == null) {
            audit.systemAction(command.actor(), ACTION, "voice_session", Outcome.DENIED, command.request(),
                    "tool=" + command.tool() + "; unknown session reference");
            throw new UnknownSessionRef();
        }
        var result = tools.handle(new ToolCall(command.request().requestId(), command.tool(), command.arguments(),
                command.ref().value()));
        var disclosed = result instanceof ToolResult.Answered answered
                ? JsonText.topLevelFieldNames(answered.output()).map(names -> String.join(",", names)).orElse("(not an object)")
                : "";
        audit.actionOn(command.actor(), target.user(), ACTION, "voice_session", target.sessionId().toString(),
                result instanceof ToolResult.Answered ? Outcome.SUCCESS : Outcome.FAILURE, command.request(),
                "tool=" + command.tool() + "; disclosed=" + disclosed);
        return result;
    }
}
