package io.sentrycloud.server.promql;

import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL expression into tokens; positions are 0-based character offsets for error messages. */
final class PromLexer {

    enum Type {
        IDENTIFIER, NUMBER, STRING, DURATION,
        LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, COMMA, COLON, AT,
        ADD, SUB, MUL, DIV, MOD, POW, EQL, NEQ, GTR, LSS, GTE, LTE, ASSIGN, EQL_REGEX, NEQ_REGEX, EOF
    }

    /** One token; {@code text} is the identifier, the unquoted string or the number/duration as written. */
    record Token(Type type, String text, int pos) {
    }

    private final String in;
    private int i;

    private PromLexer(String in) {
        this.in = in;
    }

    static List<Token> tokenize(String query) {
        return new PromLexer(query).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (i >= in.length()) {
                tokens.add(new Token(Type.EOF, "", i));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (i < in.length()) {
            char c = in.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < in.length() && in.charAt(i) != '\n') {
                    i++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        int start = i;
        char c = in.charAt(i);
        char n = i + 1 < in.length() ? in.charAt(i + 1) : 0;
        switch (c) {
            case '(': i++; return new Token(Type.LEFT_PAREN, "(", start);
            case ')': i++; return new Token(Type.RIGHT_PAREN, ")", start);
            case '{': i++; return new Token(Type.LEFT_BRACE, "{", start);
            case '}': i++; return new Token(Type.RIGHT_BRACE, "}", start);
            case '[': i++; return new Token(Type.LEFT_BRACKET, "[", start);
            case ']': i++; return new Token(Type.RIGHT_BRACKET, "]", start);
            case ',': i++; return new Token(Type.COMMA, ",", start);
            case ':': i++; return new Token(Type.COLON, ":", start);
            case '@': i++; return new Token(Type.AT, "@", start);
            case '+': i++; return new Token(Type.ADD, "+", start);
            case '-': i++; return new Token(Type.SUB, "-", start);
            case '*': i++; return new Token(Type.MUL, "*", start);
            case '/': i++; return new Token(Type.DIV, "/", start);
            case '%': i++; return new Token(Type.MOD, "%", start);
            case '^': i++; return new Token(Type.POW, "^", start);
            case '=':
                if (n == '=') { i += 2; return new Token(Type.EQL, "==", start); }
                if (n == '~') { i += 2; return new Token(Type.EQL_REGEX, "=~", start); }
                i++;
                return new Token(Type.ASSIGN, "=", start);
            case '!':
                if (n == '=') { i += 2; return new Token(Type.NEQ, "!=", start); }
                if (n == '~') { i += 2; return new Token(Type.NEQ_REGEX, "!~", start); }
                throw PromQLException.badData("unexpected character '!' at position " + start);
            case '>':
                if (n == '=') { i += 2; return new Token(Type.GTE, ">=", start); }
                i++;
                return new Token(Type.GTR, ">", start);
            case '<':
                if (n == '=') { i += 2; return new Token(Type.LTE, "<=", start); }
                i++;
                return new Token(Type.LSS, "<", start);
            case '"': case '\'': case '`':
                return string(c);
            default:
                break;
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(n))) {
            return numberOrDuration();
        }
        if (Character.isLetter(c) || c == '_' || c == ':') {
            while (i < in.length() && (Character.isLetterOrDigit(in.charAt(i)) || in.charAt(i) == '_'
                    || in.charAt(i) == ':')) {
                i++;
            }
            return new Token(Type.IDENTIFIER, in.substring(start, i), start);
        }
        throw PromQLException.badData("unexpected character '" + c + "' at position " + start);
    }

    private Token string(char quote) {
        int start = i++;
        StringBuilder b = new StringBuilder();
        while (i < in.length()) {
            char c = in.charAt(i++);
            if (c == quote) {
                return new Token(Type.STRING, b.toString(), start);
            }
            if (c == '\\' && quote != '`') {
                if (i >= in.length()) {
                    break;
                }
                char e = in.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case '\\', '"', '\'' -> b.append(e);
                    case 'u' -> {
                        if (i + 4 > in.length()) {
                            throw PromQLException.badData("bad \\u escape in the string at position " + start);
                        }
                        try {
                            b.append((char) Integer.parseInt(in.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw PromQLException.badData("bad \\u escape in the string at position " + start);
                        }
                        i += 4;
                    }
                    default -> b.append('\\').append(e); // regex escapes such as \. pass through
                }
            } else {
                b.append(c);
            }
        }
        throw PromQLException.badData("the string starting at position " + start + " is not terminated");
    }

    private Token numberOrDuration() {
        int start = i;
        if (in.startsWith("0x", i) || in.startsWith("0X", i)) {
            i += 2;
            while (i < in.length() && Character.digit(in.charAt(i), 16) >= 0) {
                i++;
            }
            return new Token(Type.NUMBER, in.substring(start, i), start);
        }
        while (i < in.length() && (Character.isDigit(in.charAt(i)) || in.charAt(i) == '.')) {
            i++;
        }
        if (i < in.length() && (in.charAt(i) == 'e' || in.charAt(i) == 'E')) {
            int save = i++;
            if (i < in.length() && (in.charAt(i) == '+' || in.charAt(i) == '-')) {
                i++;
            }
            if (i < in.length() && Character.isDigit(in.charAt(i))) {
                while (i < in.length() && Character.isDigit(in.charAt(i))) {
                    i++;
                }
                return new Token(Type.NUMBER, in.substring(start, i), start);
            }
            i = save;
        }
        if (i < in.length() && "smhdwy".indexOf(in.charAt(i)) >= 0) {
            // a duration: one or more number+unit pairs, e.g. 1h30m, 500ms
            while (i < in.length() && (Character.isLetterOrDigit(in.charAt(i)))) {
                i++;
            }
            return new Token(Type.DURATION, in.substring(start, i), start);
        }
        return new Token(Type.NUMBER, in.substring(start, i), start);
    }
}
