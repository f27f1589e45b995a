// SPDX-License-Identifier: Apache-2.0
package dev.waymark.pinpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.SecretBox;
import dev.waymark.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Stores each application's channels (table {@code pinpoint_channel}), one row per channel type keyed by its
 * Platform ({@code EMAIL}, {@code SMS}, …, {@code APNS_VOIP_SANDBOX}): the response document as Get returns it, and
 * the credentials as one JSON object sealed with the master key, so none is in the database in plain text.
 */
final class ChannelRepository {
    private static final String BY_APP = " WHERE account_id = ? AND region = ? AND app_id = ?";
    private static final String BY_CHANNEL = BY_APP + " AND channel_type = ?";

    /** A channel as stored: its response document and its opened credentials. */
    record StoredChannel(ObjectNode document, ObjectNode secrets) {
    }

    private final SecretBox secrets;

    ChannelRepository(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** The channel's response document (EmailChannelResponse, …) without credentials, when the app has the channel. */
    Optional<ObjectNode> find(Tx tx, App app, String platform) throws SQLException {
        return tx.queryOne("SELECT document FROM pinpoint_channel" + BY_CHANNEL, rs -> parse(rs.getString(1)),
                app.accountId(), app.region(), app.id(), platform.toUpperCase(Locale.ROOT));
    }

    /** The channel's credentials (ApiKey, Certificate, TokenKey, ClientSecret, …), opened, when the app has the channel. */
    Optional<ObjectNode> credentials(Tx tx, App app, String platform) throws SQLException {
        return load(tx, app, platform).map(StoredChannel::secrets);
    }

    Optional<StoredChannel> load(Tx tx, App app, String platform) throws SQLException {
        return tx.queryOne("SELECT document, secrets FROM pinpoint_channel" + BY_CHANNEL, this::channel,
                app.accountId(), app.region(), app.id(), platform.toUpperCase(Locale.ROOT));
    }

    /** The response documents of all the app's channels, by channel type. */
    List<ObjectNode> documents(Tx tx, App app) throws SQLException {
        return tx.query("SELECT document FROM pinpoint_channel" + BY_APP + " ORDER BY channel_type",
                rs -> parse(rs.getString(1)), app.accountId(), app.region(), app.id());
    }

    void save(Tx tx, App app, String platform, StoredChannel channel) throws SQLException {
        tx.update("INSERT INTO pinpoint_channel (account_id, region, app_id, channel_type, document, secrets) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, app_id, channel_type) "
                        + "DO UPDATE SET document = excluded.document, secrets = excluded.secrets",
                app.accountId(), app.region(), app.id(), platform, channel.document().toString(),
                secrets.sealText(channel.secrets().toString()));
    }

    void delete(Tx tx, App app, String platform) throws SQLException {
        tx.update("DELETE FROM pinpoint_channel" + BY_CHANNEL, app.accountId(), app.region(), app.id(), platform);
    }

    private StoredChannel channel(ResultSet rs) throws SQLException {
        return new StoredChannel(parse(rs.getString(1)), parse(secrets.openText(rs.getString(2))));
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) AppsApi.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored channel is corrupt", e);
        }
    }
}
