package io.sentrycloud.server.meta.alarm;

import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.BadReferenceException;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.DuplicateException;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.Sql;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Contacts and contact groups; deleting a contact removes it from its groups. */
public final class ContactRepository {

    static final String TABLE = "alarm_contact";
    static final String GROUPS = "contact_group";
    private static final String COLUMNS = "`id`, `name`, `phone`, `mail`, `wechat`, `webhook_url`, `chat_webhook`,"
            + " `version`, `created`, `updated`";
    private static final RowMapper<Contact> ROW = r -> new Contact(r.getLong(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getLong(8), r.getLong(9),
            r.getLong(10));
    private static final String MEMBER_COLUMNS = "c.`id`, c.`name`, c.`phone`, c.`mail`, c.`wechat`,"
            + " c.`webhook_url`, c.`chat_webhook`, c.`version`, c.`created`, c.`updated`";
    private static final String GROUP_COLUMNS = "`id`, `name`, `description`, `version`, `created`, `updated`";
    private static final RowMapper<ContactGroup> GROUP_ROW = r -> new ContactGroup(r.getLong(1), r.getString(2),
            r.getString(3), List.of(), r.getLong(4), r.getLong(5), r.getLong(6));

    private final Db db;
    private final Clock clock;

    public ContactRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page<Contact> list(String nameContains, int limit, int offset) {
        if (nameContains == null || nameContains.isEmpty()) {
            return VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset);
        }
        return VersionedRows.page(db, TABLE, COLUMNS, "LOWER(`name`) LIKE ? ESCAPE '!'", ROW, limit, offset,
                VersionedRows.containsPattern(nameContains));
    }

    public List<Contact> all() {
        return db.list("SELECT " + COLUMNS + " FROM `alarm_contact` ORDER BY `id`", ROW);
    }

    public Optional<Contact> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM `alarm_contact` WHERE `id` = ?", ROW, id);
    }

    public Optional<Contact> findByName(String name) {
        return db.one("SELECT " + COLUMNS + " FROM `alarm_contact` WHERE `name` = ?", ROW, name);
    }

    public Contact get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("contact", id));
    }

    /**
     * The contacts a rule's {@code contacts} field reaches: each comma-separated name is a contact or a group
     * (its members); unknown names are skipped. Each contact once, in the order named.
     */
    public List<Contact> resolve(String names) {
        LinkedHashSet<Contact> out = new LinkedHashSet<>();
        for (String raw : names.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            Optional<Contact> c = findByName(name);
            if (c.isPresent()) {
                out.add(c.get());
                continue;
            }
            out.addAll(db.list("SELECT " + MEMBER_COLUMNS + " FROM `alarm_contact` c"
                    + " JOIN `contact_group_member` m ON m.`contact_id` = c.`id`"
                    + " JOIN `contact_group` g ON g.`id` = m.`group_id` WHERE g.`name` = ? ORDER BY c.`id`", ROW, name));
        }
        return List.copyOf(out);
    }

    public Contact create(Contact c, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long id;
            try {
                id = tx.insert("INSERT INTO `alarm_contact` (`created`, `updated`, `version`, `name`, `phone`, `mail`,"
                        + " `wechat`, `webhook_url`, `chat_webhook`) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)", now, now,
                        c.name(), c.phone(), c.mail(), c.wechat(), c.webhookUrl(), c.chatWebhook());
            } catch (DuplicateException e) {
                throw duplicateName("contact", c.name());
            }
            AuditLog.record(tx, now, actor, "create", TABLE, id, c.name());
            return new Contact(id, c.name(), c.phone(), c.mail(), c.wechat(), c.webhookUrl(), c.chatWebhook(), 1, now,
                    now);
        });
    }

    public Contact update(long id, long version, Contact c, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            try {
                VersionedRows.update(tx, TABLE, "contact", id, version, now, "`name` = ?, `phone` = ?, `mail` = ?,"
                                + " `wechat` = ?, `webhook_url` = ?, `chat_webhook` = ?", c.name(), c.phone(), c.mail(),
                        c.wechat(), c.webhookUrl(), c.chatWebhook());
            } catch (DuplicateException e) {
                throw duplicateName("contact", c.name());
            }
            AuditLog.record(tx, now, actor, "update", TABLE, id, c.name());
            return tx.one("SELECT " + COLUMNS + " FROM `alarm_contact` WHERE `id` = ?", ROW, id)
                    .orElseThrow(() -> new NotFoundException("contact", id));
        });
    }

    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, "contact", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    // ---- groups

    public Page<ContactGroup> listGroups(int limit, int offset) {
        return VersionedRows.page(db, GROUPS, GROUP_COLUMNS, "", GROUP_ROW, limit, offset)
                .map(g -> withMembers(db, g));
    }

    public Optional<ContactGroup> findGroup(long id) {
        return findGroup(db, id);
    }

    private static Optional<ContactGroup> findGroup(Sql sql, long id) {
        return sql.one("SELECT " + GROUP_COLUMNS + " FROM `contact_group` WHERE `id` = ?", GROUP_ROW, id)
                .map(g -> withMembers(sql, g));
    }

    public ContactGroup getGroup(long id) {
        return findGroup(id).orElseThrow(() -> new NotFoundException("contact group", id));
    }

    /** @throws BadReferenceException when a member is not a contact */
    public ContactGroup createGroup(ContactGroup g, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long id;
            try {
                id = tx.insert("INSERT INTO `contact_group` (`created`, `updated`, `version`, `name`, `description`)"
                        + " VALUES (?, ?, 1, ?, ?)", now, now, g.name(), g.description());
            } catch (DuplicateException e) {
                throw duplicateName("contact group", g.name());
            }
            insertMembers(tx, id, g.contactIds());
            AuditLog.record(tx, now, actor, "create", GROUPS, id, g.name());
            return findGroup(tx, id).orElseThrow(() -> new NotFoundException("contact group", id));
        });
    }

    public ContactGroup updateGroup(long id, long version, ContactGroup g, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            try {
                VersionedRows.update(tx, GROUPS, "contact group", id, version, now, "`name` = ?, `description` = ?",
                        g.name(), g.description());
            } catch (DuplicateException e) {
                throw duplicateName("contact group", g.name());
            }
            tx.update("DELETE FROM `contact_group_member` WHERE `group_id` = ?", id);
            insertMembers(tx, id, g.contactIds());
            AuditLog.record(tx, now, actor, "update", GROUPS, id, g.name());
            return findGroup(tx, id).orElseThrow(() -> new NotFoundException("contact group", id));
        });
    }

    public void deleteGroup(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, GROUPS, "contact group", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", GROUPS, id, "");
            return null;
        });
    }

    private static void insertMembers(Sql tx, long groupId, List<Long> contactIds) {
        for (long contact : new LinkedHashSet<>(contactIds)) {
            if (tx.count("SELECT COUNT(*) FROM `alarm_contact` WHERE `id` = ?", contact) == 0) {
                throw new BadReferenceException("contact_ids", "contact " + contact + " does not exist");
            }
            tx.update("INSERT INTO `contact_group_member` (`group_id`, `contact_id`) VALUES (?, ?)", groupId, contact);
        }
    }

    private static ContactGroup withMembers(Sql sql, ContactGroup g) {
        List<Long> members = sql.list("SELECT `contact_id` FROM `contact_group_member` WHERE `group_id` = ?"
                + " ORDER BY `contact_id`", r -> r.getLong(1), g.id());
        return new ContactGroup(g.id(), g.name(), g.description(), members, g.version(), g.created(), g.updated());
    }

    private static DuplicateException duplicateName(String what, String name) {
        return new DuplicateException("name", "a " + what + " named '" + name + "' exists already");
    }
}
