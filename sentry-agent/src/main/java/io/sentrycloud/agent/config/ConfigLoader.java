package io.sentrycloud.agent.config;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds an {@link AgentConfig} from four layers, each overriding the previous one (the same scheme as
 * sentry_server's loader):
 * <ol>
 *   <li>the built-in {@code sentry_agent.yaml} (the documented file itself, shipped as a resource);</li>
 *   <li>the YAML file given by {@code --config <path>} (or {@code ./conf/sentry_agent.yaml} when present);</li>
 *   <li>environment variables {@code SENTRY_AGENT_<KEY>} with dots as underscores, e.g.
 *       {@code SENTRY_AGENT_SERVER_URL}, {@code SENTRY_AGENT_DELIVERY_GZIP};</li>
 *   <li>flags {@code --<key>=value} or {@code --<key> value}, e.g. {@code --server_url=...},
 *       {@code --delivery.batch_size=100}, {@code --tags.dc=eu}.</li>
 * </ol>
 * The built-in file defines which keys exist: anything else is an error naming the key and where it came from.
 * The only open maps, where any key may be added, are those listed in {@link #OPEN_MAPS}.
 */
public final class ConfigLoader {

    /** Classpath name of the built-in defaults. */
    public static final String DEFAULT_RESOURCE = "/sentry_agent.yaml";
    /** The file read when no {@code --config} is given and it exists (relative to the working directory). */
    public static final Path CONVENTIONAL_FILE = Path.of("conf", "sentry_agent.yaml");
    /** Maps whose keys are the user's (tag names), not documented keys. */
    static final Set<String> OPEN_MAPS = Set.of("tags");
    private static final String ENV_PREFIX = "SENTRY_AGENT_";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ConfigLoader() {
    }

    /** Loads the configuration for a command line and environment, as {@code Main} does. */
    public static AgentConfig load(List<String> args, Map<String, String> env) {
        return load(args, env, CONVENTIONAL_FILE);
    }

    /**
     * @param implicitFile the file read when {@code args} has no {@code --config} and it exists; null for none
     */
    static AgentConfig load(List<String> args, Map<String, String> env, Path implicitFile) {
        ObjectNode tree = builtIn();
        // "a.b" -> where its value came from, so a bad value can be traced to its source
        Map<String, String> sources = new HashMap<>();

        Flags flags = Flags.parse(args);
        Path file = flags.configFile;
        if (file == null && implicitFile != null && Files.isRegularFile(implicitFile)) {
            file = implicitFile;
        }
        if (file != null) {
            mergeFile(tree, file, sources);
        }
        for (String key : leafKeys(tree, "")) {
            String var = ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
            String value = env.get(var);
            if (value != null) {
                set(tree, key, value);
                sources.put(key, "environment variable " + var);
            }
        }
        for (var e : env.entrySet()) {
            // SENTRY_AGENT_TAGS_<NAME>=value adds a tag (tag names are lower-cased)
            String prefix = ENV_PREFIX + "TAGS_";
            if (e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length()) {
                String key = "tags." + e.getKey().substring(prefix.length()).toLowerCase(Locale.ROOT);
                set(tree, key, e.getValue());
                sources.put(key, "environment variable " + e.getKey());
            }
        }
        for (var e : flags.overrides.entrySet()) {
            String key = e.getKey();
            if (!isKnown(tree, key)) {
                throw new ConfigException("unknown flag --" + key + "; known keys: "
                        + String.join(", ", leafKeys(tree, "")) + ", tags.<name>");
            }
            set(tree, key, e.getValue());
            sources.put(key, "flag --" + key);
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

    /** Whether {@code dotted} names a documented leaf key, or an entry of an open map. */
    private static boolean isKnown(ObjectNode tree, String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot > 0 && OPEN_MAPS.contains(dotted.substring(0, dot))) {
            return true;
        }
        JsonNode node = tree;
        for (String part : dotted.split("\\.", -1)) {
            node = node.isObject() ? node.get(part) : null;
            if (node == null) {
                return false;
            }
        }
        return !node.isObject();
    }

    private static void set(ObjectNode tree, String dotted, String value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private static List<String> leafKeys(JsonNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix + e.getKey();
            if (e.getValue().isObject() && !OPEN_MAPS.contains(key)) {
                keys.addAll(leafKeys(e.getValue(), key + "."));
            } else if (!OPEN_MAPS.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
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
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (user == null || user.isMissingNode() || user.isNull()) {
            return; // an empty file means all defaults
        }
        if (!user.isObject()) {
            throw new ConfigException("config file " + file + " must hold keys (server_url:, delivery:, ...), not a "
                    + user.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        merge(tree, (ObjectNode) user, "", file, sources);
    }

    private static void merge(ObjectNode known, ObjectNode user, String prefix, Path file,
                              Map<String, String> sources) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix + e.getKey();
            JsonNode base = known.get(e.getKey());
            if (base == null) {
                throw new ConfigException("unknown key '" + key + "' in " + file + "; known keys"
                        + (prefix.isEmpty() ? "" : " of '" + prefix.substring(0, prefix.length() - 1) + "'") + ": "
                        + String.join(", ", iterable(known.fieldNames())));
            }
            JsonNode value = e.getValue();
            if (value.isNull()) {
                if (base.isObject()) {
                    continue; // "section:" with nothing under it
                }
                throw new ConfigException("key '" + key + "' in " + file + " has no value");
            }
            if (base.isObject() && !OPEN_MAPS.contains(key)) {
                if (!value.isObject()) {
                    throw new ConfigException("'" + key + "' in " + file + " must hold keys ("
                            + String.join(", ", iterable(base.fieldNames())) + ")");
                }
                merge((ObjectNode) base, (ObjectNode) value, key + ".", file, sources);
                continue;
            }
            if (OPEN_MAPS.contains(key) && !value.isObject()) {
                throw new ConfigException("'" + key + "' in " + file + " must be a map such as {dc: eu-1}");
            }
            if (!base.isObject() && value.isContainerNode()) {
                throw new ConfigException("key '" + key + "' in " + file + " must be a single value, not a "
                        + value.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            known.set(e.getKey(), value);
            sources.put(key, file.toString());
        }
    }

    private static AgentConfig bind(ObjectNode tree, Map<String, String> sources, Path file) {
        try {
            return YAML.treeToValue(tree, AgentConfig.class);
        } catch (ValueInstantiationException e) {
            // a record's range check: its message starts with the key
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
        if (Map.class.isAssignableFrom(type)) {
            return "a map of names to text";
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

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }

    /** The command line: {@code --config <path>} and {@code --key=value} overrides, in order. */
    private record Flags(Path configFile, Map<String, String> overrides) {

        static Flags parse(List<String> args) {
            Path config = null;
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new ConfigException("unexpected argument '" + arg
                            + "'; use --config <file> and --<key>=<value>");
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
