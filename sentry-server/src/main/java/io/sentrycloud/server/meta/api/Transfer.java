package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.meta.access.Principal;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.Contact;
import io.sentrycloud.server.meta.alarm.ContactGroup;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.provision.ProvisioningSource;
import io.sentrycloud.server.meta.store.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export and import of dashboards (with charts), alarm rules, contacts and contact groups as one JSON (or YAML)
 * document, so they can live in git:
 * <pre>
 * {"format": 1, "dashboards": [{"name", ..., "charts": [{"name", ..., "lines": [...]}]}],
 *  "alarm_rules": [...], "contacts": [...], "contact_groups": [{"name", "description", "contacts": [names]}]}
 * </pre>
 * Entities are matched by name: an existing one is replaced, a new one created; nothing is deleted. A document
 * is validated whole before anything is written, so a bad field (named in the 400) changes nothing.
 */
final class Transfer {

    private static final Logger log = LoggerFactory.getLogger(Transfer.class);
    static final int FORMAT = 1;
    private static final Set<String> TOP = Set.of("format", "exported", "dashboards", "alarm_rules", "contacts",
            "contact_groups");

    private final Repositories repos;
    private final long maxBodyBytes;
    private final Clock clock;

    Transfer(Repositories repos, long maxBodyBytes, Clock clock) {
        this.repos = repos;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** A validated document. */
    record Bundle(List<Board> dashboards, List<AlarmRule> rules, List<Contact> contacts, List<Group> groups) {
    }

    record Board(Dashboard dashboard, List<Chart> charts) {
    }

    record Group(ContactGroup group, List<String> contactNames) {
    }

    /** What an import did. */
    record Outcome(int created, int updated) {
        Map<String, Object> view() {
            return Map.of("created", created, "updated", updated);
        }
    }

    // ---- HTTP

    void export(Context ctx, Principal who) {
        Reply.ok(ctx, export());
    }

    void importDocument(Context ctx, Principal who) {
        Bundle b = parse(Requests.body(ctx, maxBodyBytes));
        Reply.ok(ctx, apply(b, who.name()).view());
    }

    // ---- export

    Map<String, Object> export() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("exported", clock.millis());
        doc.put("dashboards", repos.dashboards().all().stream().map(d -> {
            Map<String, Object> m = Views.dashboard(d, repos.charts().ofDashboard(d.id()));
            strip(m);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> charts = (List<Map<String, Object>>) m.get("charts");
            charts.forEach(c -> {
                strip(c);
                c.remove("dashboard_id");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> lines = (List<Map<String, Object>>) c.get("lines");
                lines.forEach(l -> l.remove("id"));
            });
            return m;
        }).toList());
        doc.put("alarm_rules", repos.rules().all().stream().map(r -> strip(Views.rule(r))).toList());
        List<Contact> contacts = repos.contacts().all();
        doc.put("contacts", contacts.stream().map(c -> strip(Views.contact(c))).toList());
        Map<Long, String> names = new LinkedHashMap<>();
        contacts.forEach(c -> names.put(c.id(), c.name()));
        doc.put("contact_groups", repos.contacts().listGroups(1000, 0).items().stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", g.name());
            m.put("description", g.description());
            m.put("contacts", g.contactIds().stream().map(names::get).toList());
            return m;
        }).toList());
        return doc;
    }

    private static Map<String, Object> strip(Map<String, Object> m) {
        m.remove("id");
        m.remove("version");
        m.remove("created");
        m.remove("updated");
        return m;
    }

    // ---- import

    static Bundle parse(JsonNode doc) {
        Fields f = Fields.of(doc).only(TOP);
        f.integer("format", FORMAT, FORMAT, FORMAT);
        List<Board> boards = new ArrayList<>();
        for (Fields d : f.objects("dashboards", 1000)) {
            d.only(Bodies.DASHBOARD);
            List<Chart> charts = d.objects("charts", 500).stream()
                    .map(c -> Bodies.chart(c.only(Bodies.CHART), 0L)).toList();
            boards.add(new Board(Bodies.dashboard(d), charts));
        }
        List<AlarmRule> rules = f.objects("alarm_rules", 10_000).stream()
                .map(r -> Bodies.rule(r.only(Bodies.RULE))).toList();
        List<Contact> contacts = f.objects("contacts", 10_000).stream()
                .map(c -> Bodies.contact(c.only(Bodies.CONTACT))).toList();
        List<Group> groups = new ArrayList<>();
        for (Fields g : f.objects("contact_groups", 1000)) {
            g.only(Set.of("name", "description", "contacts"));
            List<String> members = new ArrayList<>();
            JsonNode list = g.raw("contacts");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw Fields.invalid(g.name("contacts"), "must be a list of contact names");
                }
                list.forEach(n -> members.add(n.asText()));
            }
            groups.add(new Group(new ContactGroup(0, g.required("name", 255), g.text("description", "", 1024),
                    List.of(), 0, 0, 0), members));
        }
        return new Bundle(boards, rules, contacts, groups);
    }

    /**
     * Writes a validated bundle: contacts, then groups, dashboards, rules.
     *
     * @throws ApiException 400 before writing anything when a group names a contact that neither the bundle nor
     *                      the database has
     */
    Outcome apply(Bundle b, String actor) {
        Set<String> bundled = new java.util.HashSet<>();
        b.contacts().forEach(c -> bundled.add(c.name()));
        for (int i = 0; i < b.groups().size(); i++) {
            for (String name : b.groups().get(i).contactNames()) {
                if (!bundled.contains(name) && repos.contacts().findByName(name).isEmpty()) {
                    throw Fields.invalid("contact_groups[" + i + "].contacts", "contact '" + name
                            + "' is neither in this document nor stored");
                }
            }
        }
        int created = 0;
        int updated = 0;
        for (Contact c : b.contacts()) {
            Optional<Contact> old = repos.contacts().findByName(c.name());
            if (old.isPresent()) {
                repos.contacts().update(old.get().id(), old.get().version(), c, actor);
                updated++;
            } else {
                repos.contacts().create(c, actor);
                created++;
            }
        }
        for (Group g : b.groups()) {
            List<Long> ids = new ArrayList<>();
            for (String name : g.contactNames()) {
                repos.contacts().findByName(name).ifPresent(c -> ids.add(c.id()));
            }
            ContactGroup group = new ContactGroup(0, g.group().name(), g.group().description(), ids, 0, 0, 0);
            Optional<ContactGroup> old = repos.contacts().listGroups(1000, 0).items().stream()
                    .filter(x -> x.name().equals(group.name())).findFirst();
            if (old.isPresent()) {
                repos.contacts().updateGroup(old.get().id(), old.get().version(), group, actor);
                updated++;
            } else {
                repos.contacts().createGroup(group, actor);
                created++;
            }
        }
        for (Board board : b.dashboards()) {
            Optional<Dashboard> old = repos.dashboards().findByName(board.dashboard().name());
            if (old.isPresent()) {
                long id = old.get().id();
                repos.dashboards().update(id, old.get().version(), board.dashboard(), actor);
                for (Chart c : repos.charts().ofDashboard(id)) {
                    repos.charts().delete(c.id(), actor);
                }
                for (Chart c : board.charts()) {
                    repos.charts().create(c.onDashboard(id), actor);
                }
                updated++;
            } else {
                repos.dashboards().create(board.dashboard(), board.charts(), repos.charts(), actor);
                created++;
            }
        }
        for (AlarmRule r : b.rules()) {
            Optional<AlarmRule> old = repos.rules().findByName(r.name());
            if (old.isPresent()) {
                repos.rules().update(old.get().id(), old.get().version(), r, actor);
                updated++;
            } else {
                repos.rules().create(r, actor);
                created++;
            }
        }
        return new Outcome(created, updated);
    }

    /**
     * Start-up provisioning: the built-in dashboards once per database (a deleted one stays deleted), then
     * every provisioning file.
     *
     * @throws IllegalArgumentException naming the file and field of a bad document
     */
    void provision(List<ProvisioningSource> files, Settings settings) {
        if (settings.get("builtin_dashboards").isEmpty()) {
            ProvisioningSource builtIn = ProvisioningSource.builtIn();
            Bundle b = parse(builtIn.document());
            // only what is missing: a same-named dashboard someone made before is theirs
            List<Board> missing = b.dashboards().stream()
                    .filter(d -> repos.dashboards().findByName(d.dashboard().name()).isEmpty()).toList();
            if (settings.setOnce("builtin_dashboards", "provisioned")) {
                apply(new Bundle(missing, List.of(), List.of(), List.of()), "provisioning");
            }
        }
        for (ProvisioningSource s : files) {
            Bundle b;
            try {
                b = parse(s.document());
            } catch (ApiException e) {
                throw new IllegalArgumentException("provisioning file " + s.origin() + ": " + e.getMessage(), e);
            }
            Outcome o = apply(b, "provisioning");
            log.info("provisioning file {}: {} created, {} updated",
                    s.origin(), o.created(), o.updated());
        }
    }
}
