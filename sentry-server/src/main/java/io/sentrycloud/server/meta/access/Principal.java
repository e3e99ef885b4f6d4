package io.sentrycloud.server.meta.access;

/**
 * Who a request comes from.
 *
 * @param userId    the user, 0 for an anonymous request
 * @param name      user name, or {@code anonymous}
 * @param role      what it may do
 * @param csrfToken the session's CSRF token when it came with a session cookie, else null (tokens and anonymous
 *                  requests carry no cookie, so there is nothing to forge)
 */
public record Principal(long userId, String name, Role role, String csrfToken) {

    /** Nobody logged in, allowed {@code role} by configuration. */
    public static Principal anonymous(Role role) {
        return new Principal(0, "anonymous", role, null);
    }

    public boolean isAnonymous() {
        return userId == 0;
    }
}
