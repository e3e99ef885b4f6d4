package io.sentrycloud.alarm;

/**
 * Makes sure only one engine evaluates (and so notifies) a rule when several server processes share one
 * metadata store: a lease per rule, renewed by its holder at every evaluation, taken over only once it expired.
 */
public interface EvaluationLease {

    /**
     * Takes or renews the lease of a rule.
     *
     * @param owner the engine asking (unique per process)
     * @param now   epoch seconds
     * @param until epoch seconds the lease lasts to
     * @return true when {@code owner} holds the lease now; false when another owner holds one that has not expired
     */
    boolean tryAcquire(long ruleId, String owner, long now, long until);
}
