package io.sentrycloud.server.config;

/**
 * The {@code query:} section: bounds on what one query may ask for.
 *
 * @param maxRangeDays longest range of a range query
 * @param maxPoints    most points of one answer line
 * @param maxSeries    most lines of one range answer, most tag sets of a curves listing
 * @param maxNames     most names of a metrics or tag-values listing
 */
public record QueryConfig(int maxRangeDays, int maxPoints, int maxSeries, int maxNames) {

    public QueryConfig {
        Check.between("query.max_range_days", maxRangeDays, 1, 36500);
        Check.between("query.max_points", maxPoints, 1, 10_000_000);
        Check.between("query.max_series", maxSeries, 1, 1_000_000);
        Check.between("query.max_names", maxNames, 1, 10_000_000);
    }
}
