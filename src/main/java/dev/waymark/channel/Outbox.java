// SPDX-License-Identifier: Apache-2.0
package dev.waymark.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code channel_message} table: messages accepted, pending, delivered, kept or failed. */
public final class Outbox {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COLUMNS = "id, account_id, region, kind, provider, summary, payload, status, attempts, "
            + "next_attempt, last_error, created_at";

    void insert(Tx tx, Message message) throws SQLException {
        tx.update("INSERT INTO channel_message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                message.id(), message.accountId(), message.region(), message.kind().name(), message.provider(),
                message.summary(), message.payload().toString(), message.status().name(), message.attempts(),
                message.nextAttempt(), message.lastError().orElse(null), message.createdAt());
    }

    /** Pending messages whose time has come, oldest first. */
    List<Message> due(Tx tx, long now, int limit) throws SQLException {
        return tx.query("SELECT " + COLUMNS + " FROM channel_message WHERE status = 'PENDING' AND next_attempt <= ? "
                + "ORDER BY next_attempt, id LIMIT ?", Outbox::message, now, limit);
    }

    /** Takes a pending message for sending until {@code until}; false when someone else took it first. */
    boolean lease(Tx tx, Message message, long until) throws SQLException {
        return tx.update("UPDATE channel_message SET next_attempt = ? WHERE id = ? AND status = 'PENDING' "
                + "AND next_attempt = ?", until, message.id(), message.nextAttempt()) == 1;
    }

    void retryAt(Tx tx, Message message, int attempts, long next, String error) throws SQLException {
        tx.update("UPDATE channel_message SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?",
                attempts, next, error, message.id());
    }

    void finish(Tx tx, Message message, Status status, int attempts, Optional<String> error, long now)
            throws SQLException {
        tx.update("UPDATE channel_message SET status = ?, attempts = ?, last_error = ?, finished_at = ? WHERE id = ?",
                status.name(), attempts, error.orElse(null), now, message.id());
    }

    public Optional<Message> find(Tx tx, String id) throws SQLException {
        return tx.queryOne("SELECT " + COLUMNS + " FROM channel_message WHERE id = ?", Outbox::message, id);
    }

    /** How many messages of a kind an account accepted in a region since the given time. */
    public long count(Tx tx, String accountId, String region, Kind kind, long since) throws SQLException {
        return tx.queryLong("SELECT COUNT(*) FROM channel_message WHERE account_id = ? AND region = ? AND kind = ? "
                + "AND created_at >= ?", accountId, region, kind.name(), since);
    }

    /** The newest messages, optionally of one account and of one kind, newest first. */
    public List<Message> list(Tx tx, Optional<String> accountId, Optional<Kind> kind, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM channel_message WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (accountId.isPresent()) {
            sql.append(" AND account_id = ?");
            args.add(accountId.get());
        }
        if (kind.isPresent()) {
            sql.append(" AND kind = ?");
            args.add(kind.get().name());
        }
        args.add(limit);
        return tx.query(sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?").toString(), Outbox::message,
                args.toArray());
    }

    private static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), parse(rs.getString(7)), Status.valueOf(rs.getString(8)),
                rs.getInt(9), rs.getLong(10), Optional.ofNullable(rs.getString(11)), rs.getLong(12));
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }
}
