package io.voicegate.launcher.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to configuration variables: the process environment over a {@code .env} file over the defaults.
 * Every malformed value throws a {@link ConfigException} naming the variable.
 */
public final class Env {

    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The environment wins over {@code .env} in {@code dir}, when that file exists. */
    public static Env load(Map<String, String> environment, Path dir) {
        var merged = new HashMap<>(dotEnv(dir.resolve(".env")));
        merged.putAll(environment);
        return new Env(merged);
    }

    static Map<String, String> dotEnv(Path file) {
        if (!Files.isRegularFile(file)) return Map.of();
        try {
            var values = new HashMap<String, String>();
            for (var raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                var line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                if (line.startsWith("export ")) line = line.substring(7).strip();
                int eq = line.indexOf('=');
                if (eq <= 0) continue;
                var key = line.substring(0, eq).strip();
                var value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int comment = value.indexOf(" #");
                    if (comment >= 0) value = value.substring(0, comment).strip();
                }
                values.put(key, value);
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(".env could not be read", e);
        }
    }

    /** The value, or the default; empty when neither is set. */
    public Optional<String> optional(Variable variable) {
        var value = values.get(variable.name());
        if (value != null && !value.isBlank()) return Optional.of(value.strip());
        return variable.defaultValue().isEmpty() ? Optional.empty() : Optional.of(variable.defaultValue());
    }

    /** Whether the variable is present but empty, which for some lists means "none" rather than the default. */
    public boolean isSetEmpty(Variable variable) {
        var value = values.get(variable.name());
        return value != null && value.isBlank();
    }

    /** The same variables with one more value (e.g. a command-line switch turned into its variable). */
    public Env with(String name, String value) {
        var merged = new HashMap<>(values);
        merged.put(name, value);
        return new Env(merged);
    }

    public String text(Variable variable) {
        return optional(variable).orElse("");
    }

    public int integer(Variable variable, int min, int max) {
        var text = text(variable);
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) throw new ConfigException(variable, "an integer from " + min + " to " + max, text);
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "an integer from " + min + " to " + max, text);
        }
    }

    public Optional<Integer> optionalInteger(Variable variable, int min, int max) {
        return optional(variable).map(v -> integer(variable, min, max));
    }

    public long longValue(Variable variable, long min, long max) {
        var text = text(variable);
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) throw new ConfigException(variable, "an integer from " + min + " to " + max, text);
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "an integer from " + min + " to " + max, text);
        }
    }

    public Optional<Double> optionalDecimal(Variable variable, double min) {
        return optional(variable).map(text -> {
            try {
                double value = Double.parseDouble(text);
                if (value < min || Double.isNaN(value) || Double.isInfinite(value)) {
                    throw new ConfigException(variable, "a number of at least " + min, text);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new ConfigException(variable, "a number of at least " + min, text);
            }
        });
    }

    public boolean bool(Variable variable) {
        var text = text(variable).toLowerCase(java.util.Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off", "" -> false;
            default -> throw new ConfigException(variable, "true or false", text);
        };
    }

    /** A comma-separated list, or a JSON array of strings ({@code ["a","b"]}); blanks dropped. */
    public List<String> list(Variable variable) {
        var text = text(variable).strip();
        if (text.isEmpty()) return List.of();
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) throw new ConfigException(variable, "a comma-separated list or a JSON array of strings", text);
            text = text.substring(1, text.length() - 1);
            return Arrays.stream(text.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(s -> {
                        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
                            throw new ConfigException(variable, "a comma-separated list or a JSON array of strings", text(variable));
                        }
                        return s.substring(1, s.length() - 1);
                    })
                    .toList();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public Path path(Variable variable) {
        try {
            return Path.of(text(variable));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(variable, "a file system path", text(variable));
        }
    }
}
