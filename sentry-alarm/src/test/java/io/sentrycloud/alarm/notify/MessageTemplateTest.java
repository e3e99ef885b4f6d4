package io.sentrycloud.alarm.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    @Test
    void fillsTheOriginalsPlaceholders() {
        // the original's own test template
        var v = new MessageTemplate.Values("r", "warning", "firing", "test.metric", Map.of("ip", "127.0.0.1"),
                1_700_000_000, 120000.345, 100, 1.2, "http://x");
        assertThat(MessageTemplate.render("{time} {metric} {tags} {tag.ip} 当前值已经达到 {value}", v,
                ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2023-11-15 06:13:20 test.metric {\"ip\":\"127.0.0.1\"} 127.0.0.1 当前值已经达到 120000.345");
        assertThat(MessageTemplate.render("h {history.value} c {compare.value} {rule}/{severity}/{state} {link} {x}",
                v, ZoneId.of("UTC"))).isEqualTo("h 100 c 1.2 r/warning/firing http://x {x}");
        assertThat(MessageTemplate.render("", v, ZoneId.of("UTC")))
                .isEqualTo("2023-11-14 22:13:20 r: test.metric {\"ip\":\"127.0.0.1\"} value 120000.345");
    }

    @Test
    void numbersAsGoPrintsThem() {
        assertThat(MessageTemplate.number(95)).isEqualTo("95");
        assertThat(MessageTemplate.number(1e21)).isEqualTo("1000000000000000000000");
        assertThat(MessageTemplate.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(MessageTemplate.number(Double.NaN)).isEqualTo("-");
    }
}
