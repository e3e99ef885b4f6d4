package io.sentrycloud.server.meta.api;

import io.sentrycloud.server.meta.access.SessionRepository;
import io.sentrycloud.server.meta.access.TokenRepository;
import io.sentrycloud.server.meta.access.UserRepository;
import io.sentrycloud.server.meta.alarm.AlarmRuleRepository;
import io.sentrycloud.server.meta.alarm.AlertRepository;
import io.sentrycloud.server.meta.alarm.ContactRepository;
import io.sentrycloud.server.meta.alarm.SilenceRepository;
import io.sentrycloud.server.meta.dashboard.ChartRepository;
import io.sentrycloud.server.meta.dashboard.DashboardRepository;
import io.sentrycloud.server.meta.metric.MetricWhiteList;
import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.MetaStore;
import java.time.Clock;

/** Every repository of one metadata database. */
public record Repositories(DashboardRepository dashboards, ChartRepository charts, AlarmRuleRepository rules,
                           ContactRepository contacts, SilenceRepository silences, AlertRepository alerts,
                           UserRepository users, TokenRepository tokens, SessionRepository sessions,
                           MetricWhiteList whiteList, AuditLog audit) {

    public static Repositories of(MetaStore store, Clock clock) {
        var db = store.db();
        return new Repositories(new DashboardRepository(db, clock), new ChartRepository(db, clock),
                new AlarmRuleRepository(db, clock), new ContactRepository(db, clock), new SilenceRepository(db, clock),
                new AlertRepository(db), new UserRepository(db, clock), new TokenRepository(db, clock),
                new SessionRepository(db, clock), new MetricWhiteList(db, clock), new AuditLog(db, clock));
    }
}
