// SPDX-License-Identifier: Apache-2.0
package dev.waymark.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.Invocation;
import dev.waymark.core.OperationTable;
import dev.waymark.core.ServiceImplementation;
import dev.waymark.store.Tx;
import java.sql.SQLException;
import java.util.Map;

/**
 * The part of AWS Organizations that clients of organization trails need: DescribeOrganization, which {@code aws
 * cloudtrail validate-logs} calls to find an organization trail's {@code AWSLogs/<o-id>/} folder. Organizations are
 * declared in the identities file or with {@code waymark organization}; the model's other operations answer 501.
 */
public final class OrganizationsService {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrganizationsService() {
    }

    public static ServiceImplementation implementation(IdentityStore identities) {
        return new ServiceImplementation(OperationTable.load("organizations"),
                Map.of("DescribeOrganization", (inv, tx) -> describeOrganization(identities, inv, tx)));
    }

    private static ObjectNode describeOrganization(IdentityStore identities, Invocation inv, Tx tx) throws SQLException {
        String id = identities.organizationOf(tx, inv.accountId()).orElseThrow(() -> AwsException.modelled(
                "AWSOrganizationsNotInUseException", "Your account is not a member of an organization."));
        String management = identities.managementAccount(tx, id).orElseThrow();
        ObjectNode out = MAPPER.createObjectNode();
        out.putObject("Organization").put("Id", id)
                .put("Arn", "arn:aws:organizations::" + management + ":organization/" + id)
                .put("FeatureSet", "ALL")
                .put("MasterAccountArn", "arn:aws:organizations::" + management + ":account/" + id + "/" + management)
                .put("MasterAccountId", management)
                .putArray("AvailablePolicyTypes");
        return out;
    }
}
