package io.sentrycloud.server.meta.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.meta.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

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
        clock.advance(Duration.ofSeconds(45));
        assertThat(t.retryAfterSeconds("10.0.0.1", "admin")).isEqualTo(15);
        clock.advance(Duration.ofSeconds(15));
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
