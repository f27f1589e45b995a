// SPDX-License-Identifier: Apache-2.0
package dev.waymark.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.Invocation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TagResource, UntagResource, ListTagsForResource on the taggable resources of the caller's account and region:
 * configuration sets, email identities, dedicated IP pools and deliverability test reports, by ARN.
 */
final class TagsApi {
    private final Tags tags;
    private final Identities identities;

    TagsApi(Tags tags, Identities identities) {
        this.tags = tags;
        this.identities = identities;
    }

    ObjectNode tag(Invocation inv, Tx tx) throws SQLException {
        String arn = requireResource(inv, tx);
        Map<String, String> added = Tags.valid(inv.input().path("Tags"));
        if (added.isEmpty()) {
            throw EmailErrors.badRequest("Tags must not be empty");
        }
        tags.put(tx, arn, added);
        return Json.object();
    }

    ObjectNode untag(Invocation inv, Tx tx) throws SQLException {
        String arn = requireResource(inv, tx);
        List<String> keys = new ArrayList<>();
        inv.input().path("TagKeys").forEach(key -> keys.add(key.asText()));
        tags.remove(tx, arn, keys);
        return Json.object();
    }

    ObjectNode list(Invocation inv, Tx tx) throws SQLException {
        ObjectNode output = Json.object();
        output.set("Tags", tags.list(tx, requireResource(inv, tx)));
        return output;
    }

    /** The request's ResourceArn, which must name an existing resource of the caller's account and region. */
    private String requireResource(Invocation inv, Tx tx) throws SQLException {
        String arn = inv.input().path("ResourceArn").asText("");
        String prefix = Arns.prefix(inv);
        int slash = arn.indexOf('/');
        if (!arn.startsWith("arn:aws:ses:") || slash < 0) {
            throw EmailErrors.badRequest("Invalid ResourceArn <" + arn + ">");
        }
        String type = arn.substring(arn.lastIndexOf(':', slash) + 1, slash);
        String name = arn.substring(slash + 1);
        boolean exists = arn.startsWith(prefix) && switch (type) {
            case Arns.CONFIGURATION_SET -> ConfigurationSetsApi.SETS.exists(tx, inv.accountId(), inv.region(), name);
            case Arns.IDENTITY -> identities.find(tx, inv.accountId(), inv.region(), name).isPresent();
            case Arns.POOL -> DedicatedIpsApi.POOLS.exists(tx, inv.accountId(), inv.region(), name);
            case Arns.REPORT -> DashboardApi.REPORTS.exists(tx, inv.accountId(), inv.region(), name);
            default -> throw EmailErrors.badRequest("Invalid ResourceArn <" + arn + ">: not a taggable resource");
        };
        if (!exists) {
            throw EmailErrors.notFound("Resource <" + arn + "> does not exist.");
        }
        return arn;
    }
}
