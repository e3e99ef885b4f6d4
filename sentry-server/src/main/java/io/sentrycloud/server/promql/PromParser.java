package io.sentrycloud.server.promql;

import io.sentrycloud.server.promql.Expr.ValueType;
import io.sentrycloud.server.promql.PromLexer.Token;
import io.sentrycloud.server.promql.PromLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the supported PromQL subset into an {@link Expr}; anything else fails with a {@link PromQLException}
 * naming the construct (e.g. "subqueries are not supported"), so a client learns what to change.
 *
 * <p>Supported: selectors with {@code =, !=, =~, !~} and {@code offset}; range selectors; {@code rate, irate,
 * increase, delta, avg/min/max/sum/count/last_over_time, abs, ceil, floor, time, vector, scalar}; aggregations
 * {@code sum, avg, min, max, count, topk, bottomk} with {@code by}/{@code without}; arithmetic {@code + - * / % ^} and
 * comparisons (with {@code bool}) between scalars and vectors, vector-to-vector one-to-one with {@code on} or
 * {@code ignoring}.
 */
public final class PromParser {

    /** Functions and their argument types; the result type follows. */
    private static final Map<String, List<ValueType>> FUNCTIONS = Map.ofEntries(
            Map.entry("rate", List.of(ValueType.MATRIX)),
            Map.entry("irate", List.of(ValueType.MATRIX)),
            Map.entry("increase", List.of(ValueType.MATRIX)),
            Map.entry("delta", List.of(ValueType.MATRIX)),
            Map.entry("avg_over_time", List.of(ValueType.MATRIX)),
            Map.entry("min_over_time", List.of(ValueType.MATRIX)),
            Map.entry("max_over_time", List.of(ValueType.MATRIX)),
            Map.entry("sum_over_time", List.of(ValueType.MATRIX)),
            Map.entry("count_over_time", List.of(ValueType.MATRIX)),
            Map.entry("last_over_time", List.of(ValueType.MATRIX)),
            Map.entry("abs", List.of(ValueType.VECTOR)),
            Map.entry("ceil", List.of(ValueType.VECTOR)),
            Map.entry("floor", List.of(ValueType.VECTOR)),
            Map.entry("time", List.of()),
            Map.entry("vector", List.of(ValueType.SCALAR)),
            Map.entry("scalar", List.of(ValueType.VECTOR)));
    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "topk", "bottomk");
    private static final Set<String> UNSUPPORTED_AGGREGATIONS = Set.of("stddev", "stdvar", "quantile",
            "count_values", "group", "limitk", "limit_ratio");

    private final List<Token> tokens;
    private int p;

    private PromParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses a whole query. */
    public static Expr parse(String query) {
        if (query == null || query.isBlank()) {
            throw PromQLException.badData("the query is empty");
        }
        PromParser parser = new PromParser(PromLexer.tokenize(query));
        Expr e = parser.expr(0);
        if (parser.peek().type() != Type.EOF) {
            throw parser.unexpected("the end of the query");
        }
        if (e.type() == ValueType.STRING) {
            throw PromQLException.badData("string literals are not supported as a query result");
        }
        return e;
    }

    /** Parses a series selector alone (the {@code match[]} parameter of the metadata endpoints). */
    public static Expr.VectorSelector parseSelector(String text) {
        Expr e = parse(text);
        if (!(e instanceof Expr.VectorSelector vs)) {
            throw PromQLException.badData("match[] must be a series selector such as up{job=\"node\"}, got '"
                    + text + "'");
        }
        return vs;
    }

    // precedence climbing over the binary operators
    private static int precedence(Token t) {
        return switch (t.type()) {
            case EQL, NEQ, GTR, LSS, GTE, LTE -> 3;
            case ADD, SUB -> 4;
            case MUL, DIV, MOD -> 5;
            case POW -> 6;
            case IDENTIFIER -> switch (t.text().toLowerCase(Locale.ROOT)) {
                case "and", "or", "unless" -> 1;
                case "atan2" -> 5;
                default -> -1;
            };
            default -> -1;
        };
    }

    private Expr expr(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token op = peek();
            int prec = precedence(op);
            if (prec < 0 || prec < minPrecedence) {
                return lhs;
            }
            if (op.type() == Type.IDENTIFIER) {
                throw PromQLException.badData("the '" + op.text() + "' operator is not supported");
            }
            p++;
            boolean bool = false;
            Boolean on = null;
            List<String> labels = List.of();
            if (isKeyword("bool")) {
                p++;
                bool = true;
                if (!comparison(op)) {
                    throw PromQLException.badData("bool modifier can only be used on comparison operators");
                }
            }
            if (isKeyword("on") || isKeyword("ignoring")) {
                on = next().text().equalsIgnoreCase("on");
                labels = labelList();
            }
            if (isKeyword("group_left") || isKeyword("group_right")) {
                throw PromQLException.badData("many-to-one matching (" + peek().text() + ") is not supported");
            }
            // ^ is right-associative, the others left
            Expr rhs = expr(op.type() == Type.POW ? prec : prec + 1);
            lhs = binary(op, lhs, rhs, bool, on, labels);
        }
    }

    private Expr binary(Token op, Expr lhs, Expr rhs, boolean bool, Boolean on, List<String> labels) {
        for (Expr side : List.of(lhs, rhs)) {
            if (side.type() != ValueType.SCALAR && side.type() != ValueType.VECTOR) {
                throw PromQLException.badData("binary expression must contain only scalar and instant vector "
                        + "types, got a " + describe(side.type()) + " next to '" + op.text() + "'");
            }
        }
        if (comparison(op) && lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR && !bool) {
            throw PromQLException.badData("comparisons between scalars must use the bool modifier");
        }
        if (on != null && (lhs.type() == ValueType.SCALAR || rhs.type() == ValueType.SCALAR)) {
            throw PromQLException.badData("vector matching (on/ignoring) only applies between two vectors");
        }
        return new Expr.Binary(op.text(), lhs, rhs, bool, on, labels);
    }

    private Expr unary() {
        Token t = peek();
        if (t.type() == Type.SUB || t.type() == Type.ADD) {
            p++;
            // unary minus binds looser than ^: -2^2 is -(2^2)
            Expr operand = expr(6);
            if (t.type() == Type.ADD) {
                return operand;
            }
            if (operand instanceof Expr.NumberLiteral n) {
                return new Expr.NumberLiteral(-n.value());
            }
            return new Expr.Negation(operand);
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peek();
            if (t.type() == Type.LEFT_BRACKET) {
                p++;
                long range = duration(expect(Type.DURATION, "a duration such as 5m"));
                if (peek().type() == Type.COLON) {
                    throw PromQLException.badData("subqueries ([range:step]) are not supported");
                }
                expect(Type.RIGHT_BRACKET, "']'");
                if (!(e instanceof Expr.VectorSelector vs)) {
                    throw PromQLException.badData("ranges ([" + t.text() + "...]) only apply to series selectors; "
                            + "subqueries are not supported");
                }
                e = new Expr.MatrixSelector(vs, range);
            } else if (isKeyword("offset")) {
                p++;
                boolean negative = false;
                if (peek().type() == Type.SUB) {
                    p++;
                    negative = true;
                }
                long offset = duration(expect(Type.DURATION, "a duration after offset"));
                e = withOffset(e, negative ? -offset : offset);
            } else if (t.type() == Type.AT) {
                throw PromQLException.badData("the @ modifier is not supported");
            } else {
                return e;
            }
        }
    }

    private static Expr withOffset(Expr e, long offset) {
        if (e instanceof Expr.VectorSelector vs) {
            return new Expr.VectorSelector(vs.name(), vs.matchers(), offset);
        }
        if (e instanceof Expr.MatrixSelector ms) {
            Expr.VectorSelector vs = ms.selector();
            return new Expr.MatrixSelector(new Expr.VectorSelector(vs.name(), vs.matchers(), offset),
                    ms.rangeMillis());
        }
        throw PromQLException.badData("offset only applies to series selectors");
    }

    private Expr primary() {
        Token t = next();
        switch (t.type()) {
            case NUMBER:
                return new Expr.NumberLiteral(number(t));
            case STRING:
                return new Expr.StringLiteral(t.text());
            case LEFT_PAREN: {
                Expr inner = expr(0);
                expect(Type.RIGHT_PAREN, "')'");
                return inner;
            }
            case LEFT_BRACE:
                p--;
                return selector(null);
            case IDENTIFIER:
                break;
            case DURATION:
                throw PromQLException.badData("unexpected duration '" + t.text() + "' at position " + t.pos());
            default:
                p--;
                throw unexpected("an expression");
        }
        String name = t.text();
        String lower = name.toLowerCase(Locale.ROOT);
        if ((lower.equals("inf") || lower.equals("nan")) && peek().type() != Type.LEFT_BRACE
                && peek().type() != Type.LEFT_PAREN) {
            return new Expr.NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
        }
        if (AGGREGATIONS.contains(lower) && (peek().type() == Type.LEFT_PAREN || isKeyword("by")
                || isKeyword("without"))) {
            return aggregate(lower);
        }
        if (UNSUPPORTED_AGGREGATIONS.contains(lower) && (peek().type() == Type.LEFT_PAREN || isKeyword("by")
                || isKeyword("without"))) {
            throw PromQLException.badData("the aggregation '" + name + "' is not supported; use sum, avg, min, max,"
                    + " count, topk or bottomk");
        }
        if (peek().type() == Type.LEFT_PAREN) {
            return call(name);
        }
        return selector(name);
    }

    private Expr call(String name) {
        List<ValueType> signature = FUNCTIONS.get(name);
        if (signature == null) {
            throw PromQLException.badData("the function '" + name + "' is not supported; supported: "
                    + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())));
        }
        expect(Type.LEFT_PAREN, "'('");
        List<Expr> args = new ArrayList<>();
        if (peek().type() != Type.RIGHT_PAREN) {
            do {
                args.add(expr(0));
            } while (accept(Type.COMMA));
        }
        expect(Type.RIGHT_PAREN, "')'");
        if (args.size() != signature.size()) {
            throw PromQLException.badData("function '" + name + "' takes " + signature.size() + " argument"
                    + (signature.size() == 1 ? "" : "s") + ", got " + args.size());
        }
        for (int k = 0; k < args.size(); k++) {
            if (args.get(k).type() != signature.get(k)) {
                throw PromQLException.badData("function '" + name + "' expects " + describe(signature.get(k))
                        + " as argument " + (k + 1) + ", got " + describe(args.get(k).type()));
            }
        }
        ValueType result = switch (name) {
            case "time", "scalar" -> ValueType.SCALAR;
            default -> ValueType.VECTOR;
        };
        return new Expr.Call(name, List.copyOf(args), result);
    }

    private Expr aggregate(String op) {
        boolean without = false;
        List<String> grouping = List.of();
        boolean groupingSeen = false;
        if (isKeyword("by") || isKeyword("without")) {
            without = next().text().equalsIgnoreCase("without");
            grouping = labelList();
            groupingSeen = true;
        }
        expect(Type.LEFT_PAREN, "'(' after " + op);
        Expr param = null;
        if (op.equals("topk") || op.equals("bottomk")) {
            param = expr(0);
            if (param.type() != ValueType.SCALAR) {
                throw PromQLException.badData(op + " expects a scalar as its first argument");
            }
            expect(Type.COMMA, "',' after the " + op + " parameter");
        }
        Expr inner = expr(0);
        expect(Type.RIGHT_PAREN, "')'");
        if (!groupingSeen && (isKeyword("by") || isKeyword("without"))) {
            without = next().text().equalsIgnoreCase("without");
            grouping = labelList();
        }
        if (inner.type() != ValueType.VECTOR) {
            throw PromQLException.badData(op + " expects an instant vector, got " + describe(inner.type()));
        }
        return new Expr.Aggregate(op, param, inner, without, grouping);
    }

    private List<String> labelList() {
        expect(Type.LEFT_PAREN, "'(' before the label list");
        List<String> labels = new ArrayList<>();
        if (peek().type() != Type.RIGHT_PAREN) {
            do {
                if (peek().type() == Type.RIGHT_PAREN) {
                    break; // a trailing comma
                }
                labels.add(expect(Type.IDENTIFIER, "a label name").text());
            } while (accept(Type.COMMA));
        }
        expect(Type.RIGHT_PAREN, "')' after the label list");
        return List.copyOf(labels);
    }

    private Expr.VectorSelector selector(String name) {
        List<Expr.Matcher> matchers = new ArrayList<>();
        if (accept(Type.LEFT_BRACE)) {
            while (peek().type() != Type.RIGHT_BRACE) {
                Token label = next();
                if (label.type() != Type.IDENTIFIER && label.type() != Type.STRING) {
                    p--;
                    throw unexpected("a label name");
                }
                Token op = next();
                String opText = switch (op.type()) {
                    case ASSIGN -> "=";
                    case NEQ -> "!=";
                    case EQL_REGEX -> "=~";
                    case NEQ_REGEX -> "!~";
                    default -> {
                        p--;
                        throw unexpected("a label matcher operator (=, !=, =~, !~)");
                    }
                };
                Token value = expect(Type.STRING, "a quoted label value");
                matchers.add(Expr.Matcher.of(label.text(), opText, value.text()));
                if (!accept(Type.COMMA)) {
                    break;
                }
            }
            expect(Type.RIGHT_BRACE, "'}'");
        }
        if (name != null) {
            for (Expr.Matcher m : matchers) {
                if (m.name().equals("__name__")) {
                    throw PromQLException.badData("metric name given twice: '" + name + "' and a __name__ matcher");
                }
            }
        } else {
            boolean nonEmpty = matchers.stream().anyMatch(m -> !m.matches(""));
            if (!nonEmpty) {
                throw PromQLException.badData("vector selector must contain at least one non-empty matcher");
            }
        }
        return new Expr.VectorSelector(name, List.copyOf(matchers), 0);
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.type() != Type.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(Type type) {
        if (peek().type() == type) {
            p++;
            return true;
        }
        return false;
    }

    private boolean isKeyword(String word) {
        return peek().type() == Type.IDENTIFIER && peek().text().equalsIgnoreCase(word);
    }

    private Token expect(Type type, String what) {
        if (peek().type() != type) {
            throw unexpected(what);
        }
        return next();
    }

    private PromQLException unexpected(String expected) {
        Token t = peek();
        return PromQLException.badData(t.type() == Type.EOF ? "unexpected end of the query; expected " + expected
                : "unexpected '" + t.text() + "' at position " + t.pos() + "; expected " + expected);
    }

    private static boolean comparison(Token t) {
        return switch (t.type()) {
            case EQL, NEQ, GTR, LSS, GTE, LTE -> true;
            default -> false;
        };
    }

    private static double number(Token t) {
        String s = t.text();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseLong(s.substring(2), 16);
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw PromQLException.badData("'" + s + "' at position " + t.pos() + " is not a number");
        }
    }

    /** {@code 1h30m}, {@code 500ms}, {@code 2d} in milliseconds. */
    static long duration(Token t) {
        return duration(t.text());
    }

    static long duration(String text) {
        long total = 0;
        int i = 0;
        if (text.isEmpty()) {
            throw PromQLException.badData("empty duration");
        }
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (start == i || i - start > 12) {
                throw PromQLException.badData("'" + text + "' is not a duration such as 30s, 5m, 1h30m");
            }
            long n = Long.parseLong(text.substring(start, i));
            int u = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            long unit = switch (text.substring(u, i)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                case "d" -> 86_400_000;
                case "w" -> 7 * 86_400_000L;
                case "y" -> 365 * 86_400_000L;
                default -> throw PromQLException.badData("'" + text + "' is not a duration such as 30s, 5m, 1h30m");
            };
            total = Math.addExact(total, Math.multiplyExact(n, unit));
        }
        if (total <= 0) {
            throw PromQLException.badData("duration '" + text + "' must be positive");
        }
        return total;
    }

    private static String describe(ValueType t) {
        return switch (t) {
            case SCALAR -> "a scalar";
            case VECTOR -> "an instant vector";
            case MATRIX -> "a range vector";
            case STRING -> "a string";
        };
    }
}
