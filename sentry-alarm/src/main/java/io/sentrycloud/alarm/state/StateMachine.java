package io.sentrycloud.alarm.state;

import io.sentrycloud.alarm.eval.Observation;
import java.util.Map;

/**
 * The transition function of one series: given its state and what an evaluation saw, its next state.
 *
 * <ul>
 *   <li>breach: ok/resolved/no data/error → pending (or firing at once when {@code for} is 0); pending → firing
 *   once the breach has lasted {@code for} seconds; firing stays firing;</li>
 *   <li>ok: firing → resolved; pending, no data, error → ok; resolved stays resolved until the next breach;</li>
 *   <li>no data, error: → no data, error;</li>
 *   <li>forgotten stays forgotten until the series reports a value within the bounds again (the engine starts
 *   a forgotten series of a non-heartbeat rule afresh when it reports).</li>
 * </ul>
 */
public final class StateMachine {

    /** What the evaluation saw for a series, or that the rule's query failed. */
    public enum Input { OK, BREACH, NO_DATA, ERROR }

    private StateMachine() {
    }

    public static Input input(Observation.Kind kind) {
        return switch (kind) {
            case OK -> Input.OK;
            case BREACH -> Input.BREACH;
            case NO_DATA -> Input.NO_DATA;
        };
    }

    /**
     * The next state.
     *
     * @param prev        the current state, {@code null} for a series seen for the first time
     * @param forSeconds  the trigger's {@code for}
     * @param now         epoch seconds of this evaluation
     */
    public static SeriesState next(SeriesState prev, long ruleId, Map<String, String> tags, Input input,
                                   double value, long valueAt, double history, double compare, String detail,
                                   long forSeconds, long now) {
        AlertState from = prev == null ? AlertState.OK : prev.state();
        long pendingSince = prev == null ? 0 : prev.pendingSince();
        AlertState to;
        switch (input) {
            case BREACH -> {
                if (from == AlertState.FORGOTTEN) {
                    to = AlertState.FORGOTTEN; // a retired heartbeat series stays retired while it is silent
                } else if (from == AlertState.FIRING) {
                    to = AlertState.FIRING;
                } else {
                    if (from != AlertState.PENDING) {
                        pendingSince = now;
                    }
                    to = now - pendingSince >= forSeconds ? AlertState.FIRING : AlertState.PENDING;
                }
            }
            case OK -> {
                pendingSince = 0;
                to = switch (from) {
                    case FIRING -> AlertState.RESOLVED;
                    case RESOLVED -> AlertState.RESOLVED;
                    default -> AlertState.OK;
                };
            }
            case NO_DATA -> {
                pendingSince = 0;
                to = from == AlertState.FORGOTTEN ? AlertState.FORGOTTEN : AlertState.NO_DATA;
            }
            default -> {
                pendingSince = 0;
                to = AlertState.ERROR;
            }
        }
        boolean changed = prev == null || to != from;
        long since = changed ? now : prev.since();
        long notifiedAt = changed ? 0 : prev.notifiedAt();
        return new SeriesState(ruleId, new java.util.TreeMap<>(tags), to, since, pendingSince, value, valueAt,
                history, compare, notifiedAt, detail);
    }
}
