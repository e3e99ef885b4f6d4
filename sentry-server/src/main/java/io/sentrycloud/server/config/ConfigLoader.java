package io.sentrycloud.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link ServerConfig} from four layers, each overriding the previous one:
 * <ol>
 *   <li>the built-in {@code sentry_server.yaml} (the documented file itself, shipped as a resource);</li>
 *   <li>the YAML file given by {@code --config <path>} (or {@code ./conf/sentry_server.yaml} when present);</li>
 *   <li>environment variables {@code SENTRY_<SECTION>_<KEY>}, e.g. {@code SENTRY_HTTP_PORT};</li>
 *   <li>flags {@code --<section>.<key>=value} or {@code --<section>.<key> value}.</li>
 * </ol>
 * The built-in file defines which keys exist: anything else is an error naming the key and where it came from.
 */
public final class ConfigLoader {

    /** Classpath name of the built-in defaults. */
    public static final String DEFAULT_RESOURCE = "/sentry_server.yaml";
    /** The file read when no {@code --config} is given and it exists (relative to the working directory). */
    public static final Path CONVENTIONAL_FILE = Path.of("conf", "sentry_server.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigLoader() {
    }

    /** Loads the configuration for a command line and environment, as {@code Main} does. */
    public static ServerConfig load(List<String> args, Map<String, String> env) {
        return load(args, env, CONVENTIONAL_FILE);
    }

    /**
     * @param implicitFile the file read when {@code args} has no {@code --config} and it exists; null for none
     */
    static ServerConfig load(List<String> args, Map<String, String> env, Path implicitFile) {
        ObjectNode tree = builtIn();
        // "section.key" -> where its value came from, so a bad value can be traced to its source
        Map<String, String> sources = new HashMap<>();

        Flags flags = Flags.parse(args);
        Path file = flags.configFile;
        if (file == null && implicitFile != null && Files.isRegularFile(implicitFile)) {
            file = implicitFile;
        }
        if (file != null) {
            mergeFile(tree, file, sources);
        }
        for (Iterator<String> sections = tree.fieldNames(); sections.hasNext(); ) {
            String section = sections.next();
            for (Iterator<String> keys = tree.get(section).fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                String var = "SENTRY_" + (section + "_" + key).toUpperCase(Locale.ROOT);
                String value = env.get(var);
                if (value != null) {
                    ((ObjectNode) tree.get(section)).set(key, TextNode.valueOf(value));
                    sources.put(section + "." + key, "environment variable " + var);
                }
            }
        }
        for (var e : flags.overrides.entrySet()) {
            String dotted = e.getKey();
            int dot = dotted.indexOf('.');
            JsonNode section = dot > 0 ? tree.get(dotted.substring(0, dot)) : null;
            if (section == null || !section.has(dotted.substring(dot + 1))) {
                throw new ConfigException("unknown flag --" + dotted + "; known keys: " + knownKeys(tree));
            }
            ((ObjectNode) section).set(dotted.substring(dot + 1), TextNode.valueOf(e.getValue()));
            sources.put(dotted, "flag --" + dotted);
        }
        return bind(tree, sources, file);
    }

    private static ObjectNode builtIn() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in " + DEFAULT_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in " + DEFAULT_RESOURCE, e);
        }
    }

    private static void mergeFile(ObjectNode tree, Path file, Map<String, String> sources) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file " + file + " does not exist (or is not a file)");
        }
        JsonNode user;
        try {
            user = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return; // an empty file means all defaults
        }
        if (!user.isObject()) {
            throw new ConfigException("config file " + file + " must hold sections (http:, storage:, ...), not a "
                    + user.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        for (var sections = user.fields(); sections.hasNext(); ) {
            var section = sections.next();
            JsonNode known = tree.get(section.getKey());
            if (known == null) {
                throw new ConfigException("unknown section '" + section.getKey() + "' in " + file
                        + "; known sections: " + String.join(", ", iterable(tree.fieldNames())));
            }
            if (section.getValue().isNull()) {
                continue; // "section:" with nothing under it
            }
            if (!section.getValue().isObject()) {
                throw new ConfigException("section '" + section.getKey() + "' in " + file + " must hold keys");
            }
            for (var keys = section.getValue().fields(); keys.hasNext(); ) {
                var key = keys.next();
                String dotted = section.getKey() + "." + key.getKey();
                if (!known.has(key.getKey())) {
                    throw new ConfigException("unknown key '" + dotted + "' in " + file + "; known keys of '"
                            + section.getKey() + "': " + String.join(", ", iterable(known.fieldNames())));
                }
                if (key.getValue().isNull()) {
                    throw new ConfigException("key '" + dotted + "' in " + file + " has no value");
                }
                ((ObjectNode) known).set(key.getKey(), key.getValue());
                sources.put(dotted, file.toString());
            }
        }
    }

    private static ServerConfig bind(ObjectNode tree, Map<String, String> sources, Path file) {
        try {
            return YAML.treeToValue(tree, ServerConfig.class);
        } catch (ValueInstantiationException e) {
            // a record's range check: its message already names the key
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String key = cause.getMessage() == null ? "" : cause.getMessage().split(" ", 2)[0];
            throw new ConfigException(cause.getMessage() + from(sources, key, file));
        } catch (InvalidFormatException e) {
            String key = dotted(e);
            throw new ConfigException(key + ": expected " + expected(e.getTargetType()) + ", got '" + e.getValue()
                    + "'" + from(sources, key, file));
        } catch (MismatchedInputException e) {
            String key = dotted(e);
            throw new ConfigException(key + ": expected " + expected(e.getTargetType()) + from(sources, key, file));
        } catch (JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
        }
    }

    private static String dotted(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String from(Map<String, String> sources, String key, Path file) {
        String source = sources.get(key);
        if (source == null) {
            return file == null ? " (built-in default)" : " (built-in default; not set in " + file + ")";
        }
        return " (from " + source + ")";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String knownKeys(ObjectNode tree) {
        List<String> keys = new ArrayList<>();
        tree.fields().forEachRemaining(s -> s.getValue().fieldNames()
                .forEachRemaining(k -> keys.add(s.getKey() + "." + k)));
        return String.join(", ", keys);
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    /** The command line: {@code --config <path>} and {@code --section.key=value} overrides, in order. */
    private record Flags(Path configFile, Map<String, String> overrides) {

        static Flags parse(List<String> args) {
            Path config = null;
            Map<String, String> overrides = new java.util.LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new ConfigException("unexpected argument '" + arg
                            + "'; use --config <file> and --<section>.<key>=<value>");
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new ConfigException("flag --" + name + " has no value");
                }
                if (name.equals("config")) {
                    config = Path.of(value);
                } else {
                    overrides.put(name, value);
                }
            }
            return new Flags(config, overrides);
        }
    }
}
