package io.voicegate.core.tools;

import io.voicegate.core.audit.AuditTrail;
import io.voicegate.core.audit.Outcome;
import io.voicegate.core.audit.RequestContext;
import io.voicegate.core.identity.UserId;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Server tools whose every call is audited as {@code tool.call} on the caller's session, with the names of the
 * fields the answer disclosed, as {@link RunServerTool} does for agents calling over HTTP; for tools Voicegate runs
 * itself inside a relay. A call whose session is unknown is answered as usual and audited as denied.
 */
public final class AuditedTools {

    private AuditedTools() {
    }

    /**
     * @param ownerOf the user a tool call's session reference belongs to
     * @param actor   who called, e.g. {@code model:openai}
     */
    public static ToolRegistry of(ToolRegistry tools, Function<String, Optional<UserId>> ownerOf, AuditTrail audit,
                                  String actor) {
        Objects.requireNonNull(ownerOf, "ownerOf");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(actor, "actor");
        return ToolRegistry.of(tools.tools().stream().map(tool -> audited(tool, ownerOf, audit, actor)).toList());
    }

    private static Tool audited(Tool tool, Function<String, Optional<UserId>> ownerOf, AuditTrail audit, String actor) {
        return new Tool(tool.name(), tool.description(), tool.parametersSchema(), call -> {
            var request = RequestContext.system("relay");
            var owner = ownerOf.apply(call.sessionRef());
            String output;
            try {
                output = tool.handler().handle(call);
            } catch (RuntimeException failed) {
                record(audit, actor, owner, call, Outcome.FAILURE, request, "");
                throw failed;
            }
            var disclosed = output == null ? "" : JsonText.topLevelFieldNames(output)
                    .map(names -> String.join(",", names)).orElse("(not an object)");
            record(audit, actor, owner, call, Outcome.SUCCESS, request, disclosed);
            return output;
        });
    }

    private static void record(AuditTrail audit, String actor, Optional<UserId> owner, ToolCall call, Outcome outcome,
                               RequestContext request, String disclosed) {
        var detail = "tool=" + call.name() + "; disclosed=" + disclosed;
        if (owner.isEmpty()) {
            audit.systemAction(actor, RunServerTool.ACTION, "voice_session", Outcome.DENIED, request,
                    "tool=" + call.name() + "; unknown session");
        } else {
            audit.actionOn(actor, owner.get(), RunServerTool.ACTION, "voice_session", call.sessionRef(), outcome,
                    request, detail);
        }
    }
}
