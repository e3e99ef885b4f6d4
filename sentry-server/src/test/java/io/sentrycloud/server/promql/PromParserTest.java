package io.sentrycloud.server.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PromParserTest {

    @Test
    void selectorsWithEveryMatcherAndOffset() {
        Expr e = PromParser.parse("http_requests_total{job=\"api\", code!='500', path=~\"/a.*\", m!~`GET|PUT`} "
                + "offset 5m");
        assertThat(e).isInstanceOfSatisfying(Expr.VectorSelector.class, vs -> {
            assertThat(vs.name()).isEqualTo("http_requests_total");
            assertThat(vs.offsetMillis()).isEqualTo(300_000);
            assertThat(vs.matchers()).extracting(Expr.Matcher::op).containsExactly("=", "!=", "=~", "!~");
            assertThat(vs.matchers().get(3).matches("GET")).isFalse();
            assertThat(vs.matchers().get(3).matches("POST")).isTrue();
        });
        assertThat(PromParser.parse("{__name__=~\"node_.*\"}")).isInstanceOf(Expr.VectorSelector.class);
        assertThat(PromParser.parse("rate(x[1h30m])")).isInstanceOfSatisfying(Expr.Call.class,
                c -> assertThat(((Expr.MatrixSelector) c.args().get(0)).rangeMillis()).isEqualTo(5_400_000));
    }

    @Test
    void aggregationsBothWaysRound() {
        Expr a = PromParser.parse("sum by (job, instance) (rate(x[5m]))");
        Expr b = PromParser.parse("sum(rate(x[5m])) by (job, instance)");
        assertThat(a).isEqualTo(b);
        assertThat(PromParser.parse("topk(3, avg without (cpu) (x))")).isInstanceOfSatisfying(Expr.Aggregate.class,
                ag -> {
                    assertThat(ag.op()).isEqualTo("topk");
                    assertThat(((Expr.Aggregate) ag.expr()).without()).isTrue();
                });
    }

    @Test
    void precedenceAndAssociativity() {
        assertThat(PromParser.parse("1 + 2 * 3")).isEqualTo(new Expr.Binary("+", num(1),
                new Expr.Binary("*", num(2), num(3), false, null, List.of()), false, null, List.of()));
        assertThat(PromParser.parse("2 ^ 3 ^ 2")).isEqualTo(new Expr.Binary("^", num(2),
                new Expr.Binary("^", num(3), num(2), false, null, List.of()), false, null, List.of()));
        assertThat(PromParser.parse("-2 ^ 2")).isEqualTo(new Expr.Negation(new Expr.Binary("^", num(2), num(2),
                false, null, List.of())));
        assertThat(PromParser.parse("x > bool 3")).isInstanceOfSatisfying(Expr.Binary.class,
                bin -> assertThat(bin.bool()).isTrue());
        assertThat(PromParser.parse("a / on(job) b")).isInstanceOfSatisfying(Expr.Binary.class,
                bin -> assertThat(bin.labels()).containsExactly("job"));
    }

    @Test
    void unsupportedSyntaxIsNamed() {
        assertThatThrownBy(() -> PromParser.parse("rate(x[5m:1m])")).hasMessageContaining("subqueries");
        assertThatThrownBy(() -> PromParser.parse("x @ 1609746000")).hasMessageContaining("@ modifier");
        assertThatThrownBy(() -> PromParser.parse("histogram_quantile(0.9, x)"))
                .hasMessageContaining("function 'histogram_quantile' is not supported");
        assertThatThrownBy(() -> PromParser.parse("quantile(0.9, x)"))
                .hasMessageContaining("aggregation 'quantile' is not supported");
        assertThatThrownBy(() -> PromParser.parse("a and b")).hasMessageContaining("'and' operator is not supported");
        assertThatThrownBy(() -> PromParser.parse("a * on(x) group_left b"))
                .hasMessageContaining("group_left) is not supported");
        assertThatThrownBy(() -> PromParser.parse("rate(x)")).hasMessageContaining("expects a range vector");
        assertThatThrownBy(() -> PromParser.parse("sum(x")).hasMessageContaining("unexpected end of the query");
        assertThatThrownBy(() -> PromParser.parse("{job=~\".*\"}"))
                .hasMessageContaining("at least one non-empty matcher");
        assertThatThrownBy(() -> PromParser.parse("1 > 2")).hasMessageContaining("bool modifier");
        assertThatThrownBy(() -> PromParser.parse("x{a=~\"(\"}")).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> PromParser.parse("")).hasMessageContaining("empty");
    }

    @Property(tries = 1000)
    void anyInputParsesOrFailsWithBadData(@ForAll @Size(max = 80) String query) {
        try {
            PromParser.parse(query);
        } catch (PromQLException e) {
            assertThat(e.errorType()).isEqualTo("bad_data");
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static Expr num(double v) {
        return new Expr.NumberLiteral(v);
    }
}
