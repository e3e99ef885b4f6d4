package io.sentrycloud.server.meta.access;

/** A user account (its password hash never leaves {@link UserRepository}). */
public record User(long id, String username, Role role, boolean enabled, long version, long created,
                   long updated) {
}
