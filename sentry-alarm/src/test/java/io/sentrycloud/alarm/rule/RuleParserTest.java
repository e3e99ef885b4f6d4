package io.sentrycloud.alarm.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.tsdb.Aggregation;
import org.junit.jupiter.api.Test;

/** The four sample rows of the original's create_tables.sql, and the refusals. */
class RuleParserTest {

    private static RuleRow row(int type, String ds, String trigger) {
        return new RuleRow(1, "r", type, 60, "eric, ops;dev", 1, "{time} memory", ds, trigger, true);
    }

    @Test
    void originalSampleRowsParse() {
        var hb = RuleParser.parse(row(0, "{\"metric\": \"sentry_sys_mem_usage\", \"tags\":{\"ip\":\"127.0.0.1\"}, "
                + "\"aggregation\": \"max\", \"down_sample\": 10}", "{\"error_count\": 1}"));
        assertThat(hb).isInstanceOf(HeartbeatRule.class);
        assertThat(hb.meta().contacts()).containsExactly("eric", "ops", "dev");
        assertThat(hb.meta().severity()).isEqualTo(Severity.WARNING);
        assertThat(hb.source().aggregation()).isEqualTo(Aggregation.MAX);
        assertThat(hb.source().downsampleSeconds()).isEqualTo(10);
        assertThat(hb.source().tags().expands()).isFalse();

        var th = RuleParser.parse(row(1, "{\"metric\": \"sentry_sys_mem_usage\", \"tags\":{\"ip\":\"*\"}, "
                + "\"aggregation\": \"max\", \"down_sample\": 10}",
                "{\"greater_than\": 12.0, \"less_than\": 1.0, \"error_count\": 2}"));
        assertThat(th).isInstanceOf(ThresholdRule.class);
        assertThat(th.trigger().breached(12.5)).isTrue();
        assertThat(th.trigger().breached(0.5)).isTrue();
        assertThat(th.trigger().breached(5)).isFalse();
        assertThat(th.trigger().errorCount()).isEqualTo(2);
        assertThat(th.trigger().repeatSeconds()).isEqualTo(Trigger.DEFAULT_REPEAT_SECONDS);
        assertThat(th.source().tags().groupBy()).containsExactly("ip");

        var top = (TopNRule) RuleParser.parse(row(2, "{\"metric\": \"sentry_sys_mem_usage\", \"tags\":{\"ip\":\"*\"}, "
                + "\"aggregation\": \"max\", \"down_sample\": 10, \"sort\": \"desc\", \"limit\":10}",
                "{\"greater_than\": 12.0, \"error_count\": 1}"));
        assertThat(top.rankTag()).isEqualTo("ip");
        assertThat(top.descending()).isTrue();
        assertThat(top.limit()).isEqualTo(10);
        assertThat(top.trigger().breached(-1e300)).isFalse(); // no lower bound given

        var cmp = (CompareRule) RuleParser.parse(row(3, "{\"metric\":\"sentry_sys_mem_usage\", \"tags\":{\"ip\":"
                + "\"127.0.0.1\"}, \"aggregation\":\"max\", \"down_sample\":10, \"compare_type\":0, "
                + "\"compare_days_ago\":0, \"compare_seconds\":60}", "{\"less_than\": -8.0, \"greater_than\": 8.0, "
                + "\"error_count\": 1}"));
        assertThat(cmp.ratio()).isFalse();
        assertThat(cmp.shiftSeconds()).isEqualTo(60);
    }

    @Test
    void dashboardShapesAreAccepted() {
        var r = RuleParser.parse(row(1, "{\"metric\":\"m\",\"tags\":{\"host\":\"web||db\"},\"aggregation\":\"avg\","
                + "\"down_sample\":\"5m\"}", "{\"less_than\":\"\",\"greater_than\":\"3\",\"error_count\":1,"
                + "\"for\":120,\"repeat_interval\":0,\"notify_resolved\":false}"));
        assertThat(r.source().downsampleSeconds()).isEqualTo(300);
        assertThat(r.source().tags().groupBy()).containsExactly("host");
        assertThat(r.trigger().lessThan()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.trigger().greaterThan()).isEqualTo(3);
        assertThat(r.trigger().forSeconds()).isEqualTo(120);
        assertThat(r.trigger().repeatSeconds()).isZero();
        assertThat(r.trigger().notifyResolved()).isFalse();
        assertThat(r.trigger().notifyFiring()).isTrue();
    }

    @Test
    void refusalsNameTheField() {
        String ok = "{\"metric\":\"m\",\"tags\":{\"ip\":\"*\"},\"aggregation\":\"max\",\"down_sample\":10}";
        assertThatThrownBy(() -> RuleParser.parse(row(5, ok, "{}"))).hasMessageContaining("type 5");
        assertThatThrownBy(() -> RuleParser.parse(row(1, ok.replace("\"m\"", "\"\""), "{}")))
                .hasMessageContaining("data_source.metric");
        assertThatThrownBy(() -> RuleParser.parse(row(1, ok.replace("max", "median"), "{}")))
                .hasMessageContaining("unknown aggregation 'median'");
        assertThatThrownBy(() -> RuleParser.parse(row(1, ok.replace("10}", "0}"), "{}")))
                .hasMessageContaining("down_sample");
        assertThatThrownBy(() -> RuleParser.parse(row(1, ok, "{\"greater_than\": \"x\"}")))
                .hasMessageContaining("trigger.greater_than");
        assertThatThrownBy(() -> RuleParser.parse(row(1, "not json", "{}")))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("data_source is not valid JSON");
        assertThatThrownBy(() -> RuleParser.parse(row(3, ok.replace("}", ",\"compare_days_ago\":8}"), "{}")))
                .hasMessageContaining("compare_days_ago must be 0..7");
        assertThatThrownBy(() -> RuleParser.parse(row(3, ok, "{}"))).hasMessageContaining("compared with itself");
        assertThatThrownBy(() -> RuleParser.parse(row(2, ok.replace("}", ",\"sort\":\"up\"}"), "{}")))
                .hasMessageContaining("sort 'up'");
        assertThatThrownBy(() -> RuleParser.parse(new RuleRow(1, "r", 1, 60, "", 9, "", ok, "{}", true)))
                .hasMessageContaining("level 9");
    }
}
