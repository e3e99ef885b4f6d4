package io.sentrycloud.server.meta.alarm;

import java.util.List;

/** A named set of contacts; a rule's {@code contacts} may name a group instead of each member. */
public record ContactGroup(long id, String name, String description, List<Long> contactIds, long version,
                           long created, long updated) {

    public ContactGroup {
        contactIds = List.copyOf(contactIds);
    }
}
