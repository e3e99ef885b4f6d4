package io.sentrycloud.server.promql;

import java.util.List;
import java.util.regex.Pattern;

/** The PromQL syntax tree of the supported subset. */
sealed interface Expr {

    /** What an expression evaluates to. */
    enum ValueType { SCALAR, VECTOR, MATRIX, STRING }

    ValueType type();

    /** A number: {@code 42}, {@code 1.5e3}, {@code 0x1f}, {@code Inf}, {@code NaN}. */
    record NumberLiteral(double value) implements Expr {
        public ValueType type() {
            return ValueType.SCALAR;
        }
    }

    /** A string; only valid where a function takes one, which none of the supported ones do. */
    record StringLiteral(String value) implements Expr {
        public ValueType type() {
            return ValueType.STRING;
        }
    }

    /** One label matcher: {@code name op "value"} with op {@code =, !=, =~, !~}. */
    record Matcher(String name, String op, String value, Pattern pattern) {

        static Matcher of(String name, String op, String value) {
            Pattern p = null;
            if (op.equals("=~") || op.equals("!~")) {
                try {
                    p = Pattern.compile(value, Pattern.DOTALL);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw PromQLException.badData("invalid regular expression in " + name + op + "\"" + value
                            + "\": " + e.getDescription());
                }
            }
            return new Matcher(name, op, value, p);
        }

        /** Whether a label value passes; {@code null} (label absent) counts as the empty string, as Prometheus. */
        boolean matches(String labelValue) {
            String v = labelValue == null ? "" : labelValue;
            return switch (op) {
                case "=" -> v.equals(value);
                case "!=" -> !v.equals(value);
                case "=~" -> pattern.matcher(v).matches();
                default -> !pattern.matcher(v).matches();
            };
        }
    }

    /** {@code name{matchers} offset 5m}; {@code name} may be null when a {@code __name__} matcher stands for it. */
    record VectorSelector(String name, List<Matcher> matchers, long offsetMillis) implements Expr {
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /** {@code selector[5m]}. */
    record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
        public ValueType type() {
            return ValueType.MATRIX;
        }
    }

    /** A function call. */
    record Call(String function, List<Expr> args, ValueType type) implements Expr {
    }

    /** {@code op [by|without (labels)] ([param,] expr)}. */
    record Aggregate(String op, Expr param, Expr expr, boolean without, List<String> grouping) implements Expr {
        public ValueType type() {
            return ValueType.VECTOR;
        }
    }

    /**
     * {@code lhs op [bool] [on|ignoring (labels)] rhs}.
     *
     * @param on       whether {@code labels} are the ones to match on (else the ones to ignore); null = default
     */
    record Binary(String op, Expr lhs, Expr rhs, boolean bool, Boolean on, List<String> labels) implements Expr {
        public ValueType type() {
            return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR
                    : ValueType.VECTOR;
        }

        boolean comparison() {
            return switch (op) {
                case "==", "!=", ">", "<", ">=", "<=" -> true;
                default -> false;
            };
        }
    }

    /** {@code -expr}. */
    record Negation(Expr expr) implements Expr {
        public ValueType type() {
            return expr.type();
        }
    }
}
