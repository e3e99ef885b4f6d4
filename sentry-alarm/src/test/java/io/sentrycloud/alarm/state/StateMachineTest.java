package io.sentrycloud.alarm.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.alarm.state.StateMachine.Input;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMachineTest {

    private static SeriesState step(SeriesState prev, Input in, long forSeconds, long now) {
        return StateMachine.next(prev, 1, Map.of("host", "a"), in, 1, now, Double.NaN, Double.NaN, "", forSeconds,
                now);
    }

    @Test
    void breachGoesThroughPendingForTheForDuration() {
        SeriesState s = step(null, Input.OK, 60, 100);
        assertThat(s.state()).isEqualTo(AlertState.OK);
        s = step(s, Input.BREACH, 60, 160);
        assertThat(s.state()).isEqualTo(AlertState.PENDING);
        assertThat(s.pendingSince()).isEqualTo(160);
        s = step(s, Input.BREACH, 60, 200);
        assertThat(s.state()).isEqualTo(AlertState.PENDING);
        assertThat(s.since()).isEqualTo(160);
        s = step(s, Input.BREACH, 60, 220);
        assertThat(s.state()).isEqualTo(AlertState.FIRING);
        assertThat(s.since()).isEqualTo(220);
        s = step(s.withNotifiedAt(220), Input.BREACH, 60, 280);
        assertThat(s.notifiedAt()).isEqualTo(220); // unchanged state keeps its notification time
        s = step(s, Input.OK, 60, 340);
        assertThat(s.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(s.notifiedAt()).isZero();
        assertThat(step(s, Input.OK, 60, 400).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void pendingThatRecoversIsOkAndNoDataAndErrorAreStates() {
        SeriesState s = step(step(null, Input.BREACH, 60, 100), Input.OK, 60, 130);
        assertThat(s.state()).isEqualTo(AlertState.OK);
        assertThat(step(null, Input.BREACH, 0, 100).state()).isEqualTo(AlertState.FIRING);
        assertThat(step(s, Input.NO_DATA, 0, 200).state()).isEqualTo(AlertState.NO_DATA);
        assertThat(step(s, Input.ERROR, 0, 200).state()).isEqualTo(AlertState.ERROR);
        assertThat(step(step(s, Input.ERROR, 0, 200), Input.OK, 0, 260).state()).isEqualTo(AlertState.OK);
    }

    @Test
    void forgottenStaysForgottenWhileSilent() {
        SeriesState f = new SeriesState(1, new java.util.TreeMap<>(Map.of("host", "a")), AlertState.FORGOTTEN, 100, 0,
                1, 100, Double.NaN, Double.NaN, 0, "");
        assertThat(step(f, Input.BREACH, 0, 200).state()).isEqualTo(AlertState.FORGOTTEN);
        assertThat(step(f, Input.NO_DATA, 0, 200).state()).isEqualTo(AlertState.FORGOTTEN);
        assertThat(step(f, Input.OK, 0, 200).state()).isEqualTo(AlertState.OK);
    }
}
