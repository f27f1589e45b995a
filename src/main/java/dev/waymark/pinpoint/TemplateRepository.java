// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores message templates of an account and region and every version of each (tables {@code pinpoint_template},
 * {@code pinpoint_template_version}). A version's document holds the members Get&lt;Type&gt;Template returns for it
 * (Arn, CreationDate, LastModifiedDate, TemplateName, TemplateType, Version as a string, and the kind's content
 * members as sent), without tags, which belong to the template's ARN.
 */
final class TemplateRepository {
    private static final String BY_KEY = " WHERE account_id = ? AND region = ? AND template_type = ? AND name = ?";
    private static final String ACTIVE_JOIN = "FROM pinpoint_template t JOIN pinpoint_template_version v "
            + "ON v.account_id = t.account_id AND v.region = t.region AND v.template_type = t.template_type "
            + "AND v.name = t.name AND v.version = t.active_version ";

    /** A template of an account and region: its type ({@code EMAIL}, …) and its name. */
    record Key(String accountId, String region, String templateType, String name) {
        private Object[] args(Object... more) {
            Object[] all = new Object[4 + more.length];
            all[0] = accountId;
            all[1] = region;
            all[2] = templateType;
            all[3] = name;
            System.arraycopy(more, 0, all, 4, more.length);
            return all;
        }
    }

    /** The version numbers of a template: the active one, the highest ever given, and the highest still kept. */
    record Versions(int active, int last, int latest) {
    }

    /**
     * The stored document of a template's version (the members Get&lt;Type&gt;Template returns, without tags): the
     * active version when {@code version} is empty; empty when the template, or that version, does not exist or the
     * version is not a number. {@code templateType} is EMAIL, SMS, VOICE, PUSH or INAPP.
     */
    Optional<ObjectNode> find(Tx tx, String accountId, String region, String name, String templateType,
                              Optional<String> version) throws SQLException {
        Key key = new Key(accountId, region, templateType, name);
        if (version.isEmpty()) {
            return tx.queryOne("SELECT v.document " + ACTIVE_JOIN + "WHERE t.account_id = ? AND t.region = ? "
                    + "AND t.template_type = ? AND t.name = ?", rs -> parse(rs.getString(1)), key.args());
        }
        try {
            return findVersion(tx, key, Integer.parseInt(version.get()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    Optional<ObjectNode> findVersion(Tx tx, Key key, int version) throws SQLException {
        return tx.queryOne("SELECT document FROM pinpoint_template_version" + BY_KEY + " AND version = ?",
                rs -> parse(rs.getString(1)), key.args(version));
    }

    Optional<Versions> versions(Tx tx, Key key) throws SQLException {
        return tx.queryOne("SELECT active_version, last_version, (SELECT MAX(version) FROM pinpoint_template_version"
                        + BY_KEY + ") FROM pinpoint_template" + BY_KEY,
                rs -> new Versions(rs.getInt(1), rs.getInt(2), rs.getInt(3)), key.args(key.accountId(), key.region(),
                        key.templateType(), key.name()));
    }

    /** Stores a new template whose first version (and active version) is the document's. */
    void insert(Tx tx, Key key, ObjectNode document) throws SQLException {
        long sequence = tx.queryLong("SELECT COALESCE(MAX(created_seq), 0) + 1 FROM pinpoint_template "
                + "WHERE account_id = ? AND region = ?", key.accountId(), key.region());
        int version = Integer.parseInt(document.path("Version").asText());
        tx.update("INSERT INTO pinpoint_template (account_id, region, template_type, name, created_seq, active_version, "
                + "last_version) VALUES (?, ?, ?, ?, ?, ?, ?)", key.args(sequence, version, version));
        save(tx, key, document);
    }

    /** Stores the document as the version it names, adding that version or replacing it. */
    void save(Tx tx, Key key, ObjectNode document) throws SQLException {
        int version = Integer.parseInt(document.path("Version").asText());
        tx.update("INSERT INTO pinpoint_template_version (account_id, region, template_type, name, version, document) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, template_type, name, version) "
                + "DO UPDATE SET document = excluded.document", key.args(version, document.toString()));
        Object[] args = argsFirst(version, key);
        Object[] withBound = java.util.Arrays.copyOf(args, args.length + 1);
        withBound[args.length] = version;
        tx.update("UPDATE pinpoint_template SET last_version = ?" + BY_KEY + " AND last_version < ?", withBound);
    }

    void activate(Tx tx, Key key, int version) throws SQLException {
        tx.update("UPDATE pinpoint_template SET active_version = ?" + BY_KEY, argsFirst(version, key));
    }

    void deleteVersion(Tx tx, Key key, int version) throws SQLException {
        tx.update("DELETE FROM pinpoint_template_version" + BY_KEY + " AND version = ?", key.args(version));
    }

    void delete(Tx tx, Key key) throws SQLException {
        tx.update("DELETE FROM pinpoint_template" + BY_KEY, key.args());
        tx.update("DELETE FROM pinpoint_template_version" + BY_KEY, key.args());
    }

    /**
     * Active versions of the account's templates in creation order after the given position, of one type when
     * given, whose names start with the prefix.
     */
    List<Pages.Entry> page(Tx tx, String accountId, String region, String prefix, Optional<String> type, long after, int limit)
            throws SQLException {
        List<Object> args = new ArrayList<>(List.of(accountId, region, prefix, prefix));
        type.ifPresent(args::add);
        args.addAll(List.of(after, limit));
        return tx.query("SELECT t.created_seq, v.document " + ACTIVE_JOIN + "WHERE t.account_id = ? AND t.region = ? "
                        + "AND substr(t.name, 1, length(?)) = ? " + (type.isPresent() ? "AND t.template_type = ? " : "")
                        + "AND t.created_seq > ? ORDER BY t.created_seq LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), args.toArray());
    }

    /** Versions of one template in version order, after the given version. */
    List<Pages.Entry> versionPage(Tx tx, Key key, long after, int limit) throws SQLException {
        return tx.query("SELECT version, document FROM pinpoint_template_version" + BY_KEY + " AND version > ? "
                        + "ORDER BY version LIMIT ?",
                rs -> new Pages.Entry(rs.getLong(1), parse(rs.getString(2))), key.args(after, limit));
    }

    private static Object[] argsFirst(Object first, Key key) {
        return new Object[] {first, key.accountId(), key.region(), key.templateType(), key.name()};
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored template is corrupt", e);
        }
    }
}
