package io.sentrycloud.server.meta.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A document in the export format and where it came from (for error messages). */
public record ProvisioningSource(String origin, JsonNode document) {

    /** The resource holding the original's two built-in dashboards. */
    public static final String BUILT_IN = "/provisioning/builtin-dashboards.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The built-in dashboards. */
    public static ProvisioningSource builtIn() {
        try (InputStream in = ProvisioningSource.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the classpath");
            }
            return new ProvisioningSource("built-in dashboards", JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILT_IN, e);
        }
    }

    /**
     * Every {@code *.yaml}, {@code *.yml} and {@code *.json} file of {@code dir}, by file name; none when the
     * directory does not exist.
     *
     * @throws IllegalArgumentException naming the file when one is not valid YAML/JSON
     */
    public static List<ProvisioningSource> files(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(dir)) {
            paths = s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list provisioning directory " + dir, e);
        }
        List<ProvisioningSource> out = new ArrayList<>();
        for (Path p : paths) {
            try {
                // YAML is a superset of JSON, but the JSON parser gives better messages for JSON files
                ObjectMapper mapper = p.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
                JsonNode doc = mapper.readTree(p.toFile());
                out.add(new ProvisioningSource(p.toString(), doc));
            } catch (IOException e) {
                throw new IllegalArgumentException("provisioning file " + p + " cannot be read: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
