package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the fields of a JSON request object one by one; the first bad one is refused with HTTP 400, code 4,
 * a message starting with the field's path and {@code data: {"field": path}}.
 */
public final class Fields {

    private final ObjectNode node;
    private final String path;

    private Fields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of a request body, which must be a JSON object. */
    public static Fields of(JsonNode body) {
        return of(body, "");
    }

    static Fields of(JsonNode body, String path) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, ApiCode.JSON_DECODE, (path.isEmpty() ? "the request body" : path)
                    + " must be a JSON object", Map.of("field", path));
        }
        return new Fields((ObjectNode) body, path);
    }

    /** The 400 refusal of a field. */
    public static ApiException invalid(String field, String problem) {
        return new ApiException(400, ApiCode.INVALID_PARAMETER, field + ": " + problem, Map.of("field", field));
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Refuses any field not in {@code known} (a misspelt field must not be silently ignored). */
    public Fields only(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw invalid(name(f), "unknown field; known fields: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        return this;
    }

    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** A required non-blank string of at most {@code max} characters. */
    public String required(String field, int max) {
        String s = text(field, null, max);
        if (s == null || s.isBlank()) {
            throw invalid(name(field), "is required and must not be empty");
        }
        return s;
    }

    /** An optional string ({@code ifAbsent} when missing or null) of at most {@code max} characters. */
    public String text(String field, String ifAbsent, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return ifAbsent;
        }
        if (!v.isTextual()) {
            throw invalid(name(field), "must be a string, got " + kind(v));
        }
        String s = v.asText();
        if (s.length() > max) {
            throw invalid(name(field), "must have at most " + max + " characters, has " + s.length());
        }
        if (s.indexOf('\0') >= 0) {
            throw invalid(name(field), "must not contain NUL characters");
        }
        return s;
    }

    /** One of {@code allowed}, or {@code ifAbsent} when missing. */
    public String oneOf(String field, String ifAbsent, Set<String> allowed) {
        String s = text(field, ifAbsent, 64);
        if (s == null || !allowed.contains(s)) {
            throw invalid(name(field), (s == null ? "is required" : "'" + s + "' is not allowed") + "; use one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return s;
    }

    /** A whole number in [min, max]; {@code ifAbsent} when missing (null: required). */
    public long number(String field, Long ifAbsent, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (ifAbsent == null) {
                throw invalid(name(field), "is required");
            }
            return ifAbsent;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid(name(field), "must be a whole number, got " + kind(v));
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw invalid(name(field), "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    public int integer(String field, Integer ifAbsent, int min, int max) {
        return (int) number(field, ifAbsent == null ? null : (long) ifAbsent, min, max);
    }

    /** A whole number in [min, max], or null when missing. */
    public Long optionalNumber(String field, long min, long max) {
        return has(field) ? number(field, null, min, max) : null;
    }

    public boolean bool(String field, boolean ifAbsent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return ifAbsent;
        }
        if (!v.isBoolean()) {
            throw invalid(name(field), "must be true or false, got " + kind(v));
        }
        return v.asBoolean();
    }

    /**
     * A JSON object, given as an object or as a string holding one (the original sends JSON documents as
     * strings); answers its compact text, at most {@code max} characters. Missing: {@code ifAbsent}.
     */
    public String objectText(String field, String ifAbsent, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank() && ifAbsent != null)) {
            if (ifAbsent == null) {
                throw invalid(name(field), "is required (a JSON object)");
            }
            return ifAbsent;
        }
        JsonNode obj = v;
        if (v.isTextual()) {
            try {
                obj = ApiJson.MAPPER.readTree(v.asText());
            } catch (JsonProcessingException e) {
                throw invalid(name(field), "must be a JSON object; the string is not JSON: " + e.getOriginalMessage());
            }
        }
        if (obj == null || !obj.isObject()) {
            throw invalid(name(field), "must be a JSON object, got " + kind(obj));
        }
        String text = obj.toString();
        if (text.length() > max) {
            throw invalid(name(field), "must have at most " + max + " characters as JSON, has " + text.length());
        }
        return text;
    }

    /** The fields of a nested object, or null when missing. */
    public Fields object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return of(v, name(field));
    }

    /** An object of string values (tags, matchers), or an empty map when missing; keys are non-empty. */
    public Map<String, String> stringMap(String field, int maxEntries, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (v.isTextual()) { // the original sends a line's tags as a JSON string
            try {
                v = ApiJson.MAPPER.readTree(v.asText().isBlank() ? "{}" : v.asText());
            } catch (JsonProcessingException e) {
                throw invalid(name(field), "must be an object of strings; the string is not JSON: "
                        + e.getOriginalMessage());
            }
        }
        if (!v.isObject()) {
            throw invalid(name(field), "must be an object of strings, got " + kind(v));
        }
        if (v.size() > maxEntries) {
            throw invalid(name(field), "must have at most " + maxEntries + " entries, has " + v.size());
        }
        Map<String, String> out = new TreeMap<>();
        for (var it = v.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().isEmpty() || e.getKey().length() > maxLength) {
                throw invalid(name(field), "keys must have 1 to " + maxLength + " characters");
            }
            if (!e.getValue().isTextual()) {
                throw invalid(name(field) + "." + e.getKey(), "must be a string, got " + kind(e.getValue()));
            }
            if (e.getValue().asText().length() > maxLength) {
                throw invalid(name(field) + "." + e.getKey(), "must have at most " + maxLength + " characters");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** The elements of an array, each an object; empty when missing. */
    public List<Fields> objects(String field, int maxItems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(name(field), "must be an array, got " + kind(v));
        }
        if (v.size() > maxItems) {
            throw invalid(name(field), "must have at most " + maxItems + " items, has " + v.size());
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), name(field) + "[" + i + "]"));
        }
        return out;
    }

    /** An array of positive whole numbers (ids); empty when missing. */
    public List<Long> ids(String field, int maxItems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > maxItems) {
            throw invalid(name(field), "must be an array of at most " + maxItems + " ids");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() <= 0) {
                throw invalid(name(field) + "[" + i + "]", "must be a positive whole number");
            }
            out.add(e.asLong());
        }
        return out;
    }

    public JsonNode raw(String field) {
        return node.get(field);
    }

    private static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        return v.isArray() ? "an array" : "an object";
    }
}
