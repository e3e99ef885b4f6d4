package io.sentrycloud.alarm.notify;

import java.util.Optional;

/** Looks contacts up by the names rules give in {@code contacts}. */
public interface ContactDirectory {

    Optional<Contact> contact(String name);
}
