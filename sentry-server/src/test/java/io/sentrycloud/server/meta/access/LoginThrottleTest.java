package io.sentrycloud.server.meta.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void failuresPastTheLimitBlockUntilTheMinuteEnds() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(t.retryAfterSeconds("10.0.0.1", "admin")).isZero();
            t.failed("10.0.0.1", "admin");
        }
        assertThat(t.retryAfterSeconds("10.0.0.1", "admin")).isEqualTo(60);
        assertThat(t.retryAfterSeconds("10.0.0.2", "admin")).as("the user name is blocked too").isEqualTo(60);
        assertThat(t.retryAfterSeconds("10.0.0.1", "bob")).as("and the address").isEqualTo(60);
        assertThat(t.retryAfterSeconds("10.0.0.2", "bob")).isZero();
        clock.now = clock.now.plus(Duration.ofSeconds(45));
        assertThat(t.retryAfterSeconds("10.0.0.1", "admin")).isEqualTo(15);
        clock.now = clock.now.plus(Duration.ofSeconds(15));
        assertThat(t.retryAfterSeconds("10.0.0.1", "admin")).isZero();
    }

    @Test
    void aSuccessClearsTheUserButNotTheAddress() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(2, clock);
        t.failed("10.0.0.1", "admin");
        t.failed("10.0.0.1", "admin");
        t.succeeded("admin");
        assertThat(t.retryAfterSeconds("10.0.0.9", "admin")).isZero();
        assertThat(t.retryAfterSeconds("10.0.0.1", "other")).isPositive();
    }
}
