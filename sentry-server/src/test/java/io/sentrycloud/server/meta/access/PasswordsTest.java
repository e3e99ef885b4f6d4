package io.sentrycloud.server.meta.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = Passwords.hash("correct horse");
        assertThat(hash).startsWith("$2b$10$");
        assertThat(Passwords.matches("correct horse", hash)).isTrue();
        assertThat(Passwords.matches("correct horsE", hash)).isFalse();
        assertThat(Passwords.matches("", hash)).isFalse();
        assertThat(Passwords.matches("correct horse", "not a hash")).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(Passwords.hash("same password")).isNotEqualTo(Passwords.hash("same password"));
    }

    @Test
    void tooShortAndTooLongPasswordsAreNamed() {
        assertThat(Passwords.problem("short")).contains("at least 8");
        assertThat(Passwords.problem("x".repeat(73))).contains("72 bytes");
        assertThat(Passwords.problem("é".repeat(37))).contains("72 bytes"); // 74 bytes in UTF-8
        assertThat(Passwords.problem("long enough")).isNull();
    }

    @Test
    void randomSecretsAreUrlSafeAndDistinct() {
        String a = Passwords.randomSecret(32);
        assertThat(a).matches("[A-Za-z0-9_-]{43}");
        assertThat(Passwords.randomSecret(32)).isNotEqualTo(a);
    }
}
