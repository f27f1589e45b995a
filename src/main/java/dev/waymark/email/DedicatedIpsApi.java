// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Dedicated IP pools (CreateDedicatedIpPool, DeleteDedicatedIpPool, ListDedicatedIpPools) and dedicated IPs
 * (GetDedicatedIp, GetDedicatedIps, PutDedicatedIpInPool, PutDedicatedIpWarmupAttributes). Pools are state only:
 * Waymark sends through the SMTP server it is configured with. No account has dedicated IPs (an account gets them
 * from AWS Support, which Waymark has none of), so the IP list is empty and every call naming an IP is
 * NotFoundException. At most 50 pools per region.
 */
final class DedicatedIpsApi {
    static final Documents POOLS = new Documents("email_dedicated_ip_pool", "name", Optional.empty(),
            "Dedicated IP pool", 50);

    private final Tags tags;

    DedicatedIpsApi(Tags tags) {
        this.tags = tags;
    }

    ObjectNode createPool(Invocation inv, Tx tx) throws SQLException {
        String name = Json.name(inv.input().path("PoolName").asText(""), "PoolName");
        POOLS.create(tx, inv.accountId(), inv.region(), name, Json.object(), inv.time().toEpochMilli());
        tags.put(tx, Arns.of(inv, Arns.POOL, name), Tags.valid(inv.input().path("Tags")));
        return Json.object();
    }

    ObjectNode deletePool(Invocation inv, Tx tx) throws SQLException {
        String name = requirePool(inv, tx, inv.input().path("PoolName").asText(""));
        POOLS.delete(tx, inv.accountId(), inv.region(), name);
        tags.removeAll(tx, Arns.of(inv, Arns.POOL, name));
        return Json.object();
    }

    ObjectNode listPools(Invocation inv, Tx tx) throws SQLException {
        Paging paging = Paging.of(inv.input(), "pools");
        ObjectNode output = Json.object();
        paging.write(output, "DedicatedIpPools", POOLS.page(tx, inv.accountId(), inv.region(), paging.after(),
                paging.limit()), Documents.Entry::name, entry -> Json.MAPPER.getNodeFactory().textNode(entry.name()));
        return output;
    }

    ObjectNode getDedicatedIps(Invocation inv, Tx tx) throws SQLException {
        String pool = inv.input().path("PoolName").asText("");
        if (!pool.isEmpty()) {
            requirePool(inv, tx, pool);
        }
        Paging.of(inv.input(), "dedicated-ips");
        ObjectNode output = Json.object();
        output.putArray("DedicatedIps");
        return output;
    }

    ObjectNode getDedicatedIp(Invocation inv, Tx tx) {
        throw noSuchIp(inv);
    }

    ObjectNode putDedicatedIpInPool(Invocation inv, Tx tx) throws SQLException {
        requirePool(inv, tx, inv.input().path("DestinationPoolName").asText(""));
        throw noSuchIp(inv);
    }

    ObjectNode putDedicatedIpWarmupAttributes(Invocation inv, Tx tx) {
        int percentage = inv.input().path("WarmupPercentage").asInt();
        if (percentage < 0 || percentage > 100) {
            throw EmailErrors.badRequest("WarmupPercentage must be between 0 and 100");
        }
        throw noSuchIp(inv);
    }

    private static String requirePool(Invocation inv, Tx tx, String name) throws SQLException {
        POOLS.require(tx, inv.accountId(), inv.region(), name);
        return name;
    }

    private static RuntimeException noSuchIp(Invocation inv) {
        return EmailErrors.notFound("Dedicated IP <" + inv.input().path("Ip").asText() + "> does not exist: this "
                + "account has no dedicated IPs.");
    }
}
