package io.voicegate.core.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The little JSON core needs without a JSON library (on purpose): writing a string literal, and naming the top-level
 * fields of an object a tool answered (which is what the audit trail records as disclosed).
 */
final class JsonText {

    private JsonText() {
    }

    static String quote(String text) {
        var out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    /** The names of an object's top-level fields, in order; empty when the text is not a JSON object. */
    static Optional<List<String>> topLevelFieldNames(String json) {
        var names = new ArrayList<String>();
        int i = skipSpace(json, 0);
        if (i >= json.length() || json.charAt(i) != '{') return Optional.empty();
        i = skipSpace(json, i + 1);
        if (i < json.length() && json.charAt(i) == '}') return Optional.of(List.of());
        while (i < json.length()) {
            if (json.charAt(i) != '"') return Optional.empty();
            var name = new StringBuilder();
            i = readString(json, i, name);
            if (i < 0) return Optional.empty();
            names.add(name.toString());
            i = skipSpace(json, i);
            if (i >= json.length() || json.charAt(i) != ':') return Optional.empty();
            i = skipValue(json, i + 1);
            if (i < 0) return Optional.empty();
            i = skipSpace(json, i);
            if (i < json.length() && json.charAt(i) == '}') return Optional.of(List.copyOf(names));
            if (i >= json.length() || json.charAt(i) != ',') return Optional.empty();
            i = skipSpace(json, i + 1);
        }
        return Optional.empty();
    }

    /** Reads the string starting at the quote at {@code i} into {@code into}; returns the index after it, or -1. */
    private static int readString(String s, int i, StringBuilder into) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') return j + 1;
            if (c == '\\') {
                if (++j >= s.length()) return -1;
                char e = s.charAt(j);
                if (e == 'u') {
                    if (j + 4 >= s.length()) return -1;
                    try {
                        into.append((char) Integer.parseInt(s.substring(j + 1, j + 5), 16));
                    } catch (NumberFormatException notHex) {
                        return -1;
                    }
                    j += 4;
                } else {
                    into.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> e;
                    });
                }
            } else {
                into.append(c);
            }
        }
        return -1;
    }

    /** Skips one value (of any kind, nested included); returns the index after it, or -1. */
    private static int skipValue(String s, int i) {
        int depth = 0;
        i = skipSpace(s, i);
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
                j = readString(s, j, new StringBuilder());
                if (j < 0) return -1;
                if (depth == 0) return j;
                j--;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) return j;
                if (--depth == 0) return j + 1;
            } else if (c == ',' && depth == 0) {
                return j;
            }
        }
        return depth == 0 ? s.length() : -1;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }
}
