package io.sentrycloud.alarm.state;

import java.util.List;

/**
 * Where alert states, their history and new deliveries are persisted (the metadata store in the server; an
 * in-memory one in tests and when no database is configured).
 */
public interface AlertStore {

    /** The stored states of one rule. */
    List<SeriesState> states(long ruleId);

    /** Every stored state, for the list of current alerts. */
    List<SeriesState> allStates();

    /**
     * Applies one evaluation's changes atomically: either all of them are stored or none (so a delivery is never
     * queued without the state that says it was, nor the other way round).
     */
    void commit(RuleCommit commit);

    /**
     * History, newest first.
     *
     * @param ruleId a rule, or 0 for all
     * @param since  epoch seconds, inclusive
     * @param limit  at most this many
     */
    List<Transition> history(long ruleId, long since, int limit);
}
