package io.sentrycloud.alarm.memory;

import io.sentrycloud.alarm.notify.Contact;
import io.sentrycloud.alarm.notify.ContactDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Contacts held in memory, by name. */
public final class MemoryContacts implements ContactDirectory {

    private final Map<String, Contact> contacts = new ConcurrentSkipListMap<>();

    public void put(Contact c) {
        contacts.put(c.name(), c);
    }

    public void remove(String name) {
        contacts.remove(name);
    }

    public List<Contact> all() {
        return List.copyOf(contacts.values());
    }

    @Override
    public Optional<Contact> contact(String name) {
        return Optional.ofNullable(contacts.get(name));
    }
}
