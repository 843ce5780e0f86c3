package io.voicegate.core.tools;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** Runs a registered tool for a model's call, turning every failure into an answer the model can speak about. */
public final class RunTool {

    private static final Logger LOG = LoggerFactory.getLogger(RunTool.class);

    private final ToolRegistry tools;

    public RunTool(ToolRegistry tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    /** True when the tool is registered here (an unknown tool is left to the client). */
    public boolean knows(String name) {
        return tools.find(name).isPresent();
    }

    public ToolResult handle(ToolCall call) {
        var tool = tools.find(call.name());
        if (tool.isEmpty()) return new ToolResult.Failed("Unknown tool: " + call.name());
        try {
            var output = tool.get().handler().handle(call);
            return output == null ? new ToolResult.Failed("The tool gave no answer.") : new ToolResult.Answered(output);
        } catch (ToolFailed refused) {
            return new ToolResult.Failed(refused.getMessage());
        } catch (RuntimeException bug) {
            LOG.error("Tool {} failed (call {})", call.name(), call.callId(), bug);
            return new ToolResult.Failed("The tool failed.");
        }
    }
}
