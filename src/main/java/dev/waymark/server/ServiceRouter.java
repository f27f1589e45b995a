// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.OperationSpec;
import dev.waymark.core.PublicDocument;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.sigv4.SignatureScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the service of a request: by the signing name of its credential scope, then (where a signing name is
 * shared, or the request is not signed) by the service's path prefix, {@code X-Amz-Target} or {@code Action=}.
 * An unsigned request for an operation a table lets be called without a signature goes to that service; an
 * unsigned GET of a path some service serves a public document at is that document.
 */
final class ServiceRouter {
    private final List<ServiceBinding> services;

    ServiceRouter(List<ServiceBinding> services) {
        this.services = List.copyOf(services);
    }

    Optional<ServiceBinding> route(HttpRequest request) {
        Optional<String> signingName = SignatureScope.signingName(request);
        if (signingName.isEmpty()) {
            Optional<ServiceBinding> anonymous = services.stream()
                    .filter(service -> anonymousOperation(service, request).isPresent()).findFirst();
            if (anonymous.isPresent()) {
                return anonymous;
            }
        }
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

    /**
     * The public document an unsigned GET (or HEAD) without a query asks for, if a service serves one there. Without
     * a query a request can only be signed in its Authorization header, so that header alone decides.
     */
    Optional<PublicDocument> document(HttpRequest request) {
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        if (!get || !request.rawQuery().isEmpty() || request.rawPath().equals("/")
                || request.header("authorization").isPresent()) {
            return Optional.empty();
        }
        for (ServiceBinding service : services) {
            Optional<PublicDocument> document = service.implementation().document(request.rawPath());
            if (document.isPresent()) {
                return document;
            }
        }
        return Optional.empty();
    }

    /**
     * The operation of a request that carries no signature at all, when the service's table lets that operation be
     * called so (a token in the request is its credential); empty otherwise, and for any request the service's
     * protocol cannot resolve.
     */
    static Optional<OperationSpec> anonymousOperation(ServiceBinding service, HttpRequest request) {
        if (!unsigned(request)) {
            return Optional.empty();
        }
        try {
            String operation = service.protocol().resolveOperation(request);
            return service.spec().operation(operation).filter(spec -> spec.anonymous().isPresent());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean unsigned(HttpRequest request) {
        if (request.header("authorization").isPresent()) {
            return false; // signed in its header (or malformed): no need to parse it again on every signed call
        }
        try {
            return SignatureScope.parse(request).isEmpty();
        } catch (SignatureScope.Incomplete e) {
            return false;
        }
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
