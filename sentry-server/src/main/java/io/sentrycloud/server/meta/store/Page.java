package io.sentrycloud.server.meta.store;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items, the total number of items across all pages, and the window asked for.
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public Page {
        items = List.copyOf(items);
    }

    /** The same page with each item mapped. */
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), total, limit, offset);
    }
}
