package io.sentrycloud.sdk.meter;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A meter's name and tags; two meters with equal ids are the same meter. */
final class MeterId {

    final String name;
    final Map<String, String> tags;

    MeterId(String name, Map<String, String> tags) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a meter needs a name");
        }
        this.name = name;
        this.tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeterId && ((MeterId) o).name.equals(name) && ((MeterId) o).tags.equals(tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tags);
    }

    @Override
    public String toString() {
        return name + tags;
    }
}
