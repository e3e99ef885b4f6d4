package io.sentrycloud.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.stream.Collectors;

/** The one JSON mapper of the HTTP API, and the translation of its errors into sentences. */
public final class ApiJson {

    /**
     * Reads NaN/Infinity literals (so ingest can refuse them by name instead of failing the whole body) and refuses
     * unknown request fields (a misspelt {@code down_sampel} must not be silently ignored).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ApiJson() {
    }

    /** A sentence for a JSON error: which field and what was expected, or where the syntax broke. */
    public static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'" + where + "; known fields: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return "field '" + field + "' has the wrong type" + where + ": " + m.getOriginalMessage();
        }
        if (e instanceof JsonMappingException) {
            return "request does not fit the expected shape" + where + ": " + e.getOriginalMessage();
        }
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }
}
