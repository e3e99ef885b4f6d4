/** The alarm evaluation benchmark: many rules over many series, all evaluated within one interval. */
package io.sentrycloud.bench.alarm;
