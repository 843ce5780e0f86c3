package io.voicegate.core.tools;

import io.voicegate.core.VoicegateException;
import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.session.SessionRef;
import io.voicegate.core.session.SessionRefs;
import io.voicegate.core.session.UnknownSessionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Runs a server tool an agent called for a session it knows only by its {@link SessionRef}: finds the tool and the
 * session's user, runs the tool, turns any failure into a speakable JSON error, and audits what was disclosed.
 */
public final class RunServerTool {

    private static final Logger LOG = LoggerFactory.getLogger(RunServerTool.class);
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

    private final ToolRegistry tools;
    private final SessionRefs refs;
    private final AuditTrail audit;

    public RunServerTool(ToolRegistry tools, SessionRefs refs, AuditTrail audit) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.refs = Objects.requireNonNull(refs, "refs");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * @throws UnknownTool       when no tool has that name
     * @throws UnknownSessionRef when the reference points at no session (audited as denied)
     */
    public ToolResult handle(Command command) {
        var tool = (Tool.isValidName(command.tool()) ? tools.find(command.tool()) : java.util.Optional.<Tool>empty())
                .orElseThrow(UnknownTool::new);
        var target = refs.find(command.ref()).orElse(null);
        if (target == null) {
            audit.systemAction(command.actor(), ACTION, "voice_session", Outcome.DENIED, command.request(),
                    "tool=" + tool.name() + "; unknown session reference");
            throw new UnknownSessionRef();
        }
        var result = run(tool, new ToolCall(tool.name(), target.sessionId(), target.user(), command.arguments()));
        audit.actionOn(command.actor(), target.user(), ACTION, "voice_session", target.sessionId().toString(),
                result.error() ? Outcome.FAILURE : Outcome.SUCCESS, command.request(),
                "tool=" + tool.name() + "; disclosed=" + String.join(",", result.disclosed()));
        return result;
    }

    private static ToolResult run(Tool tool, ToolCall call) {
        try {
            var result = tool.handler().run(call);
            if (result == null) throw new IllegalStateException("tool " + tool.name() + " returned null");
            return result;
        } catch (VoicegateException refusal) {
            return ToolResult.error(refusal.getMessage()); // client-safe by contract
        } catch (RuntimeException e) {
            LOG.warn("Tool {} failed", tool.name(), e);
            return ToolResult.error("The tool " + tool.name() + " failed. Continue without it or try again later.");
        }
    }
}
