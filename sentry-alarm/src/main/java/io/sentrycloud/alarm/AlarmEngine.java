package io.sentrycloud.alarm;

import io.sentrycloud.alarm.eval.Evaluation;
import io.sentrycloud.alarm.eval.Evaluator;
import io.sentrycloud.alarm.eval.Observation;
import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.notify.Channel;
import io.sentrycloud.alarm.notify.Contact;
import io.sentrycloud.alarm.notify.ContactDirectory;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.Dispatcher;
import io.sentrycloud.alarm.notify.MessageTemplate;
import io.sentrycloud.alarm.notify.Notification;
import io.sentrycloud.alarm.notify.Outbox;
import io.sentrycloud.alarm.notify.RateLimit;
import io.sentrycloud.alarm.notify.Recipient;
import io.sentrycloud.alarm.rule.AlarmRule;
import io.sentrycloud.alarm.rule.HeartbeatRule;
import io.sentrycloud.alarm.rule.InvalidRuleException;
import io.sentrycloud.alarm.rule.RuleParser;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.alarm.rule.RuleSource;
import io.sentrycloud.alarm.rule.TopNRule;
import io.sentrycloud.alarm.silence.SilenceSource;
import io.sentrycloud.alarm.state.AlertState;
import io.sentrycloud.alarm.state.AlertStore;
import io.sentrycloud.alarm.state.RuleCommit;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.alarm.state.StateMachine;
import io.sentrycloud.alarm.state.StateMachine.Input;
import io.sentrycloud.alarm.state.Transition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every enabled rule once per {@code query_range} over the window ending
 * {@link EngineSettings#queryDelaySeconds()} before now, turns what it sees into state changes, history and
 * notifications, and delivers them.
 *
 * <p>Scheduling does not drift or pile up: each rule's next due time advances by whole intervals from the previous
 * due time (not from when it finished), and a rule whose previous evaluation is still running is skipped (and
 * counted) rather than queued. Everything an evaluation changes is committed in one {@link RuleCommit}; the
 * dispatcher then sends what the outbox holds, so a notification survives a restart and is not sent twice.
 *
 * <p>{@link #start()} runs it on its own threads; the {@code evaluate}, {@code dispatch} and {@code refreshRules}
 * methods do one step synchronously at a given time, for tests and tools.
 */
public final class AlarmEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmEngine.class);
    private static final Map<String, String> REPORT_SCOPE = Map.of("__rule__", "report");
    private static final String INTERNAL_KEY = "__rule__";

    private final RuleSource rules;
    private final ContactDirectory contacts;
    private final SilenceSource silences;
    private final AlertStore alerts;
    private final EvaluationLease lease;
    private final EngineSettings settings;
    private final Clock clock;
    private final Evaluator evaluator;
    private final Dispatcher dispatcher;
    private final Map<Long, Runtime> runtimes = new ConcurrentHashMap<>();
    private final Map<Long, String> invalid = new ConcurrentHashMap<>();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private ScheduledExecutorService ticker;
    private ExecutorService workers;
    private ExecutorService sender;
    private long nextRefresh;

    /**
     * One rule's schedule and remembered states; evaluated by one thread at a time. A changed row gets a new
     * runtime that keeps the states, the running flag and the lock of the old one, so an evaluation still running
     * under the old row is never overlapped.
     */
    private static final class Runtime {
        final RuleRow row;
        final AlarmRule rule;
        final AtomicBoolean running;
        final Object lock;
        volatile long nextDue;
        volatile Map<String, SeriesState> states; // null until loaded (at the first evaluation holding the lease)
        volatile long lastEvaluatedAt;
        volatile long lastMicros;
        volatile String lastError = "";
        volatile long skipped;

        Runtime(RuleRow row, AlarmRule rule, Runtime previous) {
            this.row = row;
            this.rule = rule;
            this.running = previous == null ? new AtomicBoolean() : previous.running;
            this.lock = previous == null ? new Object() : previous.lock;
        }
    }

    public AlarmEngine(SeriesQuery store, RuleSource rules, ContactDirectory contacts, SilenceSource silences,
                       AlertStore alerts, Outbox outbox, EvaluationLease lease, List<Channel> channels,
                       EngineSettings settings, Clock clock) {
        this.rules = rules;
        this.contacts = contacts;
        this.silences = silences;
        this.alerts = alerts;
        this.lease = lease;
        this.settings = settings;
        this.clock = clock;
        this.evaluator = new Evaluator(store, settings.seedLookbackSeconds());
        this.dispatcher = new Dispatcher(outbox, channels, settings.retry(), new RateLimit(settings.messagesPerMinute()));
    }

    /** Starts evaluating and delivering on the engine's own threads, ticking every second. */
    public synchronized void start() {
        if (ticker != null) {
            return;
        }
        workers = Executors.newFixedThreadPool(settings.threads(), daemon("sentry-alarm-eval"));
        sender = Executors.newSingleThreadExecutor(daemon("sentry-alarm-send"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("sentry-alarm-tick"));
        ticker.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
        LOG.info("alarm engine {} started", settings.owner());
    }

    /** Stops the threads; an evaluation in progress finishes first. */
    @Override
    public synchronized void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        workers.shutdown();
        sender.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            workers.awaitTermination(30, TimeUnit.SECONDS);
            sender.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ticker = null;
        LOG.info("alarm engine {} stopped", settings.owner());
    }

    private void tick() {
        try {
            long nowMillis = clock.millis();
            long now = nowMillis / 1000;
            if (now >= nextRefresh) {
                nextRefresh = now + settings.ruleRefreshSeconds();
                refreshRules();
            }
            for (Runtime rt : runtimes.values()) {
                if (!rt.row.enabled() || rt.nextDue > now) {
                    continue;
                }
                long interval = rt.rule.meta().windowSeconds();
                long next = rt.nextDue + interval;
                while (next <= now) {
                    next += interval;
                }
                rt.nextDue = next;
                if (!rt.running.compareAndSet(false, true)) {
                    rt.skipped++;
                    continue;
                }
                workers.execute(() -> {
                    try {
                        synchronized (rt.lock) {
                            evaluate(rt, clock.millis() / 1000);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("evaluating rule {} failed", rt.row.id(), e);
                    } finally {
                        rt.running.set(false);
                    }
                });
            }
            if (dispatching.compareAndSet(false, true)) {
                sender.execute(() -> {
                    try {
                        dispatcher.dispatch(clock.millis());
                    } catch (RuntimeException e) {
                        LOG.error("dispatching notifications failed", e);
                    } finally {
                        dispatching.set(false);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.error("alarm tick failed", e); // the schedule must survive any one failure
        }
    }

    /** Re-reads the rules: new and changed rows are (re)parsed, rows gone are dropped. */
    public void refreshRules() {
        List<RuleRow> rows;
        try {
            rows = rules.rules();
        } catch (RuntimeException e) {
            LOG.warn("reading alarm rules failed; keeping the ones known: {}", e.getMessage());
            return;
        }
        long now = clock.millis() / 1000;
        Set<Long> seen = new HashSet<>();
        for (RuleRow row : rows) {
            seen.add(row.id());
            Runtime old = runtimes.get(row.id());
            if (old != null && old.row.equals(row)) {
                continue;
            }
            try {
                AlarmRule rule = RuleParser.parse(row);
                Runtime rt = new Runtime(row, rule, old);
                rt.nextDue = old == null ? now : Math.min(old.nextDue, now + rule.meta().windowSeconds());
                rt.states = old == null ? null : old.states;
                runtimes.put(row.id(), rt);
                invalid.remove(row.id());
            } catch (InvalidRuleException e) {
                runtimes.remove(row.id());
                if (!e.getMessage().equals(invalid.put(row.id(), e.getMessage()))) {
                    LOG.warn("alarm rule {} '{}' is not evaluated: {}", row.id(), row.name(), e.getMessage());
                }
            }
        }
        runtimes.keySet().retainAll(seen);
        invalid.keySet().retainAll(seen);
    }

    /**
     * Evaluates one rule now (if this engine holds or gets its lease) and commits what changed.
     *
     * @param now epoch seconds; the window ends {@code queryDelaySeconds} earlier
     * @return false when the rule is unknown, disabled or leased by another engine
     */
    public boolean evaluate(long ruleId, long now) {
        Runtime rt = runtimes.get(ruleId);
        if (rt == null || !rt.row.enabled()) {
            return false;
        }
        synchronized (rt.lock) {
            return evaluate(rt, now);
        }
    }

    /** Evaluates every enabled rule at {@code now}, one after another; returns how many were evaluated. */
    public int evaluateAll(long now) {
        int n = 0;
        for (long id : runtimes.keySet()) {
            if (evaluate(id, now)) {
                n++;
            }
        }
        return n;
    }

    /** Sends the deliveries due at {@code nowMillis}; returns how many went out. */
    public int dispatch(long nowMillis) {
        return dispatcher.dispatch(nowMillis);
    }

    /**
     * A dry run: what the rule would see now, without changing any state or telling anyone.
     *
     * @throws InvalidRuleException when the row cannot be evaluated
     */
    public Evaluation preview(RuleRow row, long now) {
        return evaluator.evaluate(RuleParser.parse(row), now - settings.queryDelaySeconds(), true);
    }

    /**
     * Retires a series of a rule (a host taken out of service): it is no longer reported missing, until it sends
     * data again. Returns false when the rule does not know that series.
     */
    public boolean forget(long ruleId, Map<String, String> tags, long now) {
        Runtime rt = runtimes.get(ruleId);
        if (rt == null) {
            return false;
        }
        synchronized (rt.lock) {
            Map<String, SeriesState> states = loaded(rt);
            SeriesState prev = states.get(SeriesState.key(tags));
            if (prev == null || prev.tags().containsKey(INTERNAL_KEY)) {
                return false;
            }
            SeriesState next = new SeriesState(ruleId, prev.tags(), AlertState.FORGOTTEN, now, 0, prev.value(),
                    prev.valueAt(), prev.history(), prev.compare(), 0, "forgotten");
            states.put(next.key(), next);
            alerts.commit(new RuleCommit(ruleId, List.of(next), List.of(), List.of(transition(rt.rule, prev, next,
                    now, false)), List.of()));
            return true;
        }
    }

    /** Every rule the engine knows or refused, with its last evaluation. */
    public List<RuleStatus> status() {
        List<RuleStatus> out = new ArrayList<>();
        runtimes.values().forEach(rt -> out.add(new RuleStatus(rt.row.id(), rt.row.name(), rt.row.enabled(), "",
                rt.lastEvaluatedAt, rt.lastMicros, rt.lastError, rt.skipped)));
        invalid.forEach((id, why) -> out.add(new RuleStatus(id, "", false, why, 0, 0, "", 0)));
        out.sort(Comparator.comparingLong(RuleStatus::ruleId));
        return out;
    }

    /** The current alerts (pending, firing, no data, error) of every rule, from the alert store. */
    public List<SeriesState> activeAlerts() {
        return alerts.allStates().stream().filter(s -> s.state().active())
                .filter(s -> !s.tags().containsKey(INTERNAL_KEY) || s.ruleScope()).toList();
    }

    private Map<String, SeriesState> loaded(Runtime rt) {
        if (rt.states == null) {
            Map<String, SeriesState> m = new ConcurrentHashMap<>();
            alerts.states(rt.row.id()).forEach(s -> m.put(s.key(), s));
            rt.states = m;
        }
        return rt.states;
    }

    private boolean evaluate(Runtime rt, long now) {
        AlarmRule rule = rt.rule;
        long interval = rule.meta().windowSeconds();
        if (!lease.tryAcquire(rule.id(), settings.owner(), now, now + 3 * interval + 10)) {
            rt.states = null; // another engine evaluates it; reload its states should this one take over
            return false;
        }
        Map<String, SeriesState> states = loaded(rt);
        long started = System.nanoTime();
        long windowEnd = now - settings.queryDelaySeconds();
        boolean firstRun = states.values().stream().noneMatch(s -> !s.tags().containsKey(INTERNAL_KEY));
        Evaluation ev;
        try {
            ev = evaluator.evaluate(rule, windowEnd, firstRun);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            rt.lastError = why;
            Changes ch = new Changes(rule, states, now, windowEnd - interval, windowEnd);
            ch.step(SeriesState.RULE_SCOPE, Input.ERROR, Double.NaN, 0, Double.NaN, Double.NaN,
                    "query failed: " + why);
            ch.commit();
            finish(rt, now, started);
            return true;
        }
        rt.lastError = "";
        Changes ch = new Changes(rule, states, now, ev.windowStart(), ev.windowEnd());
        SeriesState ruleScope = states.get(SeriesState.key(SeriesState.RULE_SCOPE));
        if (ruleScope != null && ruleScope.state() != AlertState.OK) {
            ch.step(SeriesState.RULE_SCOPE, Input.OK, Double.NaN, 0, Double.NaN, Double.NaN, "query works again");
        }
        Set<String> seen = new HashSet<>();
        for (Observation o : ev.observations()) {
            String key = SeriesState.key(o.tags());
            seen.add(key);
            SeriesState prev = states.get(key);
            if (prev != null && prev.state() == AlertState.FORGOTTEN && !(rule instanceof HeartbeatRule)
                    && o.kind() != Observation.Kind.NO_DATA) {
                states.remove(key); // a retired series of a value rule that reports again is watched afresh
            }
            ch.step(o.tags(), StateMachine.input(o.kind()), o.value(), o.at(), o.history(), o.compare(), o.detail());
        }
        for (SeriesState prev : List.copyOf(states.values())) {
            if (seen.contains(prev.key()) || prev.tags().containsKey(INTERNAL_KEY)) {
                continue;
            }
            switch (ev.absent()) {
                case NO_DATA -> {
                    if (prev.state() != AlertState.NO_DATA && prev.state() != AlertState.FORGOTTEN) {
                        ch.step(prev.tags(), Input.NO_DATA, prev.value(), prev.valueAt(), Double.NaN, Double.NaN,
                                "no point in the window");
                    }
                }
                case BREACH -> ch.step(prev.tags(), Input.BREACH, prev.value(), ev.windowStart(), Double.NaN,
                        Double.NaN, "no point in the last " + interval + " s");
                case OK -> {
                    if (prev.state() != AlertState.OK) {
                        ch.step(prev.tags(), Input.OK, prev.value(), prev.valueAt(), Double.NaN, Double.NaN,
                                "no longer among the top " + ((TopNRule) rule).limit());
                    }
                }
            }
        }
        if (rule instanceof TopNRule topN && rule.trigger().reportSeconds() > 0) {
            ch.report(topN, ev);
        }
        ch.commit();
        finish(rt, now, started);
        return true;
    }

    private static void finish(Runtime rt, long now, long startedNanos) {
        rt.lastEvaluatedAt = now;
        rt.lastMicros = (System.nanoTime() - startedNanos) / 1000;
    }

    /** The changes of one evaluation, collected and then committed at once. */
    private final class Changes {
        final AlarmRule rule;
        final Map<String, SeriesState> states;
        final long now;
        final long windowStart;
        final long windowEnd;
        final List<SeriesState> changed = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();
        final List<Notification.Alert> due = new ArrayList<>();
        final List<Notification.Alert> reports = new ArrayList<>();
        final Set<String> told = new HashSet<>();
        private SilenceSnapshot muting;

        Changes(AlarmRule rule, Map<String, SeriesState> states, long now, long windowStart, long windowEnd) {
            this.rule = rule;
            this.states = states;
            this.now = now;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
        }

        void step(Map<String, String> tags, Input input, double value, long at, double history, double compare,
                  String detail) {
            String key = SeriesState.key(tags);
            SeriesState prev = states.get(key);
            SeriesState next = StateMachine.next(prev, rule.id(), tags, input, value, at, history, compare, detail,
                    rule.trigger().forSeconds(), now);
            boolean transitioned = prev == null ? next.state() != AlertState.OK : prev.state() != next.state();
            if (muting == null) {
                muting = new SilenceSnapshot(silences);
            }
            boolean muted = muting.mutes(labels(tags), now);
            String notifyAs = notifyAs(prev, next, muted);
            if (notifyAs != null) {
                next = next.withNotifiedAt(now);
                due.add(alert(notifyAs, tags, value, at, history, compare));
                told.add(key);
            }
            if (transitioned) {
                transitions.add(transition(rule, prev, next, now, muted && notifyAs == null && wouldNotify(prev, next)));
            }
            states.put(key, next);
            if (prev == null || prev.state() != next.state() || prev.notifiedAt() != next.notifiedAt()
                    || prev.pendingSince() != next.pendingSince()) {
                changed.add(next);
            }
        }

        /** Whether this step is to be told, and as what; {@code null} when not (or silenced). */
        private String notifyAs(SeriesState prev, SeriesState next, boolean muted) {
            if (muted || !wouldNotify(prev, next)) {
                return null;
            }
            return next.state().wireName();
        }

        private boolean wouldNotify(SeriesState prev, SeriesState next) {
            var t = rule.trigger();
            return switch (next.state()) {
                case FIRING -> t.notifyFiring() && (next.notifiedAt() == 0
                        || (t.repeatSeconds() > 0 && now - next.notifiedAt() >= t.repeatSeconds()));
                case RESOLVED -> t.notifyResolved() && prev != null && prev.state() == AlertState.FIRING
                        && prev.notifiedAt() > 0;
                case NO_DATA, ERROR -> t.notifyFiring() && next.notifiedAt() == 0;
                default -> false;
            };
        }

        void report(TopNRule topN, Evaluation ev) {
            var t = topN.trigger();
            long slot = Math.floorDiv(windowEnd - t.reportOffset(), t.reportSeconds());
            String key = SeriesState.key(REPORT_SCOPE);
            SeriesState prev = states.get(key);
            SeriesState next = new SeriesState(rule.id(), new TreeMap<>(REPORT_SCOPE), AlertState.OK, now, 0, slot,
                    now, Double.NaN, Double.NaN, 0, "report slot");
            if (prev == null || (long) prev.value() < slot) {
                if (prev != null) { // the first evaluation only learns the slot: a report is sent at slot changes
                    for (Observation o : ev.ranking()) {
                        reports.add(alert("report", o.tags(), o.value(), o.at(), Double.NaN, Double.NaN));
                    }
                }
                states.put(key, next);
                changed.add(next);
            }
        }

        private Notification.Alert alert(String state, Map<String, String> tags, double value, long at,
                                         double history, double compare) {
            String link = link(tags);
            String text = MessageTemplate.render(rule.meta().message(), new MessageTemplate.Values(
                    rule.meta().name(), rule.meta().severity().wireName(), state, rule.source().metric(),
                    withoutInternal(tags), at == 0 ? now : at, value, history, compare, link), settings.zone());
            return new Notification.Alert(state, rule.source().metric(), withoutInternal(tags), value,
                    at == 0 ? now : at, text, link);
        }

        private String link(Map<String, String> tags) {
            if (settings.publicUrl().isEmpty()) {
                return "";
            }
            Map<String, String> t = withoutInternal(tags);
            var json = new StringBuilder("{");
            t.forEach((k, v) -> json.append(json.length() == 1 ? "" : ",").append('"').append(k).append("\":\"")
                    .append(v.replace("\"", "\\\"")).append('"'));
            json.append('}');
            long span = windowEnd - windowStart;
            return settings.publicUrl() + "/#/explore?metric=" + enc(rule.source().metric()) + "&tags="
                    + enc(json.toString()) + "&aggregation=" + rule.source().aggregation().wireName()
                    + "&down_sample=" + rule.source().downsampleSeconds() + "&start=" + (windowStart - 5 * span)
                    + "&end=" + windowEnd;
        }

        void commit() {
            List<Delivery> deliveries = new ArrayList<>();
            long nowMillis = Math.max(now * 1000, clock.millis());
            List<Transition> history = transitions;
            if (!due.isEmpty()) {
                due.sort(Comparator.comparingInt(a -> order(a.state())));
                deliveries.addAll(deliveriesFor(new Notification(rule.id(), rule.meta().name(),
                        rule.meta().severity().wireName(), now, due), nowMillis));
                String who = String.join(", ", deliveries.stream()
                        .filter(d -> d.status() != io.sentrycloud.alarm.notify.DeliveryStatus.UNDELIVERABLE)
                        .map(d -> d.recipient().toString()).toList());
                history = transitions.stream().map(t -> told.contains(SeriesState.key(t.tags()))
                        ? t.withNotified(who) : t).toList();
            }
            if (!reports.isEmpty()) {
                deliveries.addAll(deliveriesFor(new Notification(rule.id(), rule.meta().name(),
                        rule.meta().severity().wireName(), now, reports), nowMillis));
            }
            RuleCommit c = new RuleCommit(rule.id(), changed, List.of(), history, deliveries);
            if (!c.isEmpty()) {
                alerts.commit(c);
            }
        }

        private List<Delivery> deliveriesFor(Notification n, long nowMillis) {
            List<Delivery> out = new ArrayList<>();
            if (rule.meta().contacts().isEmpty()) {
                out.add(Delivery.undeliverable(new Recipient("none", "", "", ""), n, nowMillis,
                        "the rule names no contact"));
            }
            for (String name : rule.meta().contacts()) {
                Optional<Contact> c = contacts.contact(name);
                if (c.isEmpty()) {
                    out.add(Delivery.undeliverable(new Recipient("none", "", "", name), n, nowMillis,
                            "no contact named '" + name + "'"));
                    continue;
                }
                List<Recipient> recipients = c.get().recipients();
                if (recipients.isEmpty()) {
                    out.add(Delivery.undeliverable(new Recipient("none", "", "", name), n, nowMillis,
                            "contact '" + name + "' has no mail address or webhook"));
                }
                for (Recipient r : recipients) {
                    out.add(dispatcher.serves(r.channel()) ? Delivery.create(r, n, nowMillis)
                            : Delivery.undeliverable(r, n, nowMillis, "no '" + r.channel()
                            + "' channel is configured (for mail: alarm.smtp)"));
                }
            }
            return out;
        }

        private Map<String, String> labels(Map<String, String> tags) {
            Map<String, String> l = new HashMap<>(withoutInternal(tags));
            l.put("rule", rule.meta().name());
            l.put("rule_id", String.valueOf(rule.id()));
            l.put("severity", rule.meta().severity().wireName());
            l.put("metric", rule.source().metric());
            return l;
        }
    }

    private static int order(String state) {
        return switch (state) {
            case "firing" -> 0;
            case "no data" -> 1;
            case "error" -> 2;
            default -> 3;
        };
    }

    private static Transition transition(AlarmRule rule, SeriesState prev, SeriesState next, long now,
                                         boolean silenced) {
        return new Transition(rule.id(), rule.meta().name(), rule.meta().severity().wireName(), next.tags(),
                prev == null ? AlertState.OK : prev.state(), next.state(), next.value(), now, next.detail(), silenced,
                "");
    }

    private static Map<String, String> withoutInternal(Map<String, String> tags) {
        if (!tags.containsKey(INTERNAL_KEY)) {
            return tags;
        }
        Map<String, String> t = new TreeMap<>(tags);
        t.remove(INTERNAL_KEY);
        return t;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The silences and maintenance windows read once per evaluation. */
    private static final class SilenceSnapshot {
        final List<io.sentrycloud.alarm.silence.Silence> silences;
        final List<io.sentrycloud.alarm.silence.MaintenanceWindow> windows;

        SilenceSnapshot(SilenceSource source) {
            this.silences = source.silences();
            this.windows = source.maintenanceWindows();
        }

        boolean mutes(Map<String, String> labels, long now) {
            return silences.stream().anyMatch(s -> s.mutes(labels, now))
                    || windows.stream().anyMatch(w -> w.mutes(labels, now));
        }
    }
}
