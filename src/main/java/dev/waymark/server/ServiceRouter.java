// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.sigv4.SignatureScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the service of a request: by the signing name of its credential scope, then (where a signing name is
 * shared, or the request is not signed) by the service's path prefix, {@code X-Amz-Target} or {@code Action=}.
 */
final class ServiceRouter {
    private final List<ServiceBinding> services;

    ServiceRouter(List<ServiceBinding> services) {
        this.services = List.copyOf(services);
    }

    Optional<ServiceBinding> route(HttpRequest request) {
        Optional<String> signingName = SignatureScope.signingName(request);
        List<ServiceBinding> candidates = new ArrayList<>();
        for (ServiceBinding service : services) {
            if (signingName.isEmpty() || service.spec().signingName().equals(signingName.get())) {
                candidates.add(service);
            }
        }
        if (candidates.size() == 1 && signingName.isPresent()) {
            return Optional.of(candidates.get(0));
        }
        return candidates.stream().filter(service -> recognises(service, request))
                .max((a, b) -> Integer.compare(prefixLength(a), prefixLength(b)));
    }

    private static int prefixLength(ServiceBinding service) {
        return service.spec().pathPrefix().map(String::length).orElse(0);
    }

    private static boolean recognises(ServiceBinding service, HttpRequest request) {
        return switch (service.spec().protocol()) {
            case REST_JSON, REST_XML -> service.spec().pathPrefix().filter(request.rawPath()::startsWith).isPresent();
            case AWS_JSON -> request.header("x-amz-target").filter(t -> t.contains(service.spec().id().equals("cloudtrail")
                    ? "CloudTrail_" : service.spec().id())).isPresent();
            case AWS_QUERY -> request.rawPath().equals("/") && (request.rawQuery().contains("Action=")
                    || request.header("content-type").filter(c -> c.startsWith("application/x-www-form-urlencoded")).isPresent());
        };
    }
}
