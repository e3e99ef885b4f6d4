package io.sentrycloud.alarm.eval;

import io.sentrycloud.alarm.rule.AlarmRule;
import java.util.List;

/**
 * The result of evaluating one rule over one window.
 *
 * @param rule         the rule
 * @param windowStart  epoch seconds, inclusive
 * @param windowEnd    epoch seconds, inclusive
 * @param observations one per series seen (or expected, for a rule without {@code *})
 * @param absent       what a series known from earlier evaluations but not among the observations now means
 * @param ranking      TopN rules: the ranked series in order (also those within the bounds), else empty
 */
public record Evaluation(AlarmRule rule, long windowStart, long windowEnd, List<Observation> observations,
                         Absent absent, List<Observation> ranking) {

    /** The meaning of a series that is missing from an evaluation. */
    public enum Absent {
        /** threshold and compare: the series stopped reporting. */
        NO_DATA,
        /** heartbeat: that is the alarm. */
        BREACH,
        /** TopN: it left the ranking, so it is no longer a problem. */
        OK
    }

    public Evaluation {
        observations = List.copyOf(observations);
        ranking = List.copyOf(ranking);
    }
}
