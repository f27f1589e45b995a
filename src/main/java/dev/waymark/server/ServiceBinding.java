// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import static java.util.Objects.requireNonNull;

import dev.waymark.core.ServiceImplementation;
import dev.waymark.core.ServiceSpec;
import dev.waymark.protocol.ServerProtocol;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.awsjson.AwsJsonProtocol;
import dev.waymark.protocol.awsquery.AwsQueryProtocol;
import dev.waymark.protocol.restjson.RestJsonProtocol;
import dev.waymark.protocol.restxml.RestXmlProtocol;

/** A served service: its table, its wire protocol (bound to its model) and its handlers. */
public record ServiceBinding(ServiceSpec spec, ServerProtocol protocol, ServiceImplementation implementation) {
    public ServiceBinding {
        requireNonNull(spec, "spec is null");
        requireNonNull(protocol, "protocol is null");
        requireNonNull(implementation, "implementation is null");
    }

    public static ServiceBinding of(ServiceImplementation implementation) {
        ServiceSpec spec = implementation.spec();
        ServiceModel model = ServiceModel.load(spec.id());
        for (String operation : spec.operations().keySet()) {
            if (model.operation(operation).isEmpty()) {
                throw new IllegalStateException(spec.id() + ": table row " + operation + " is not in the model");
            }
        }
        ServerProtocol protocol = switch (spec.protocol()) {
            case REST_JSON -> new RestJsonProtocol(spec, model);
            case AWS_JSON -> new AwsJsonProtocol(spec, model);
            case AWS_QUERY -> new AwsQueryProtocol(spec, model);
            case REST_XML -> new RestXmlProtocol(spec, model);
        };
        return new ServiceBinding(spec, protocol, implementation);
    }
}
