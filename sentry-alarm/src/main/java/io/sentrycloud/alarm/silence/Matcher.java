package io.sentrycloud.alarm.silence;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One condition on an alert label, as Alertmanager writes them: {@code name=value}, {@code name!=value},
 * {@code name=~regex}, {@code name!~regex} (regular expressions are anchored). A missing label is the empty
 * string.
 *
 * @param name  the label
 * @param op    {@code =}, {@code !=}, {@code =~} or {@code !~}
 * @param value the value or expression
 */
public record Matcher(String name, String op, String value) {

    public Matcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a silence matcher has no label name");
        }
        if (!op.equals("=") && !op.equals("!=") && !op.equals("=~") && !op.equals("!~")) {
            throw new IllegalArgumentException("matcher operator '" + op + "' is not =, !=, =~ or !~");
        }
        if (op.endsWith("~")) {
            Pattern.compile(value); // refuse a bad expression when the silence is made, not when it is used
        }
    }

    /** Parses {@code name=value}, {@code name!=value}, {@code name=~re} or {@code name!~re}. */
    public static Matcher parse(String text) {
        var m = java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*")
                .matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("matcher '" + text + "' is not name=value, name!=value, name=~regex"
                    + " or name!~regex");
        }
        return new Matcher(m.group(1), m.group(2), m.group(3));
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case "=" -> v.equals(value);
            case "!=" -> !v.equals(value);
            case "=~" -> Pattern.compile(value).matcher(v).matches();
            default -> !Pattern.compile(value).matcher(v).matches();
        };
    }

    @Override
    public String toString() {
        return name + op + value;
    }
}
