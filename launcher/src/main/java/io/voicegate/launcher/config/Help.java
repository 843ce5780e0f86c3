package io.voicegate.launcher.config;

import java.util.List;

/** The text of {@code java -jar voicegate.jar --help}: usage and every variable with its default. */
public final class Help {

    private Help() {
    }

    public static String text(List<Variable> variables) {
        var out = new StringBuilder();
        out.append("""
                Voicegate: a voice-AI gateway that holds provider keys, enforces policy and keeps the record.

                Usage:
                  java -jar voicegate.jar              start the server
                  java -jar voicegate.jar --simulate   start with built-in fake providers (no provider account needed)
                  java -jar voicegate.jar retention --now   run one retention sweep, print the counts and exit
                  java -jar voicegate.jar --help       show this text

                Configuration comes from environment variables, and from a .env file in the working directory
                (the environment wins). A malformed value stops start-up with exit code 2.

                Variables (default in brackets):
                """);
        int width = variables.stream().mapToInt(v -> v.name().length()).max().orElse(10) + 2;
        for (var variable : variables) {
            out.append("  ").append(String.format("%-" + width + "s", variable.name()));
            out.append(variable.description());
            out.append(variable.defaultValue().isEmpty() ? " [unset]" : " [" + variable.defaultValue() + "]");
            out.append('\n');
        }
        return out.toString();
    }
}
