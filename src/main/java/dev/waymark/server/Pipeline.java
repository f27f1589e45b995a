// SPDX-License-Identifier: Apache-2.0
package dev.waymark.server;

import dev.waymark.core.Uuids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.audit.AuditRecorder;
import dev.waymark.audit.CallFacts;
import dev.waymark.audit.EventLog;
import dev.waymark.core.AwsException;
import dev.waymark.core.CommonErrors;
import dev.waymark.core.Invocation;
import dev.waymark.core.OperationHandler;
import dev.waymark.core.OperationSpec;
import dev.waymark.core.Principal;
import dev.waymark.core.PublicDocument;
import dev.waymark.iam.Authorizer;
import dev.waymark.protocol.Decoded;
import dev.waymark.protocol.HttpRequest;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.sigv4.SigV4Verifier;
import dev.waymark.protocol.sigv4.VerifiedCaller;
import dev.waymark.store.Store;
import dev.waymark.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline, in order: route to a service → check the body size → verify the SigV4 signature →
 * resolve the operation → decode and validate the input → authorize → run the handler inside a store transaction
 * → append the CloudTrail record in the same transaction → commit durably → encode the response.
 *
 * <p>Every call whose signature was verified and whose operation is known is recorded, failures included;
 * calls that fail before that have no trustworthy identity or no event name and are only logged. An operation its
 * table marks {@code anonymous} may also come unsigned, a token in the request being its credential (SNS's
 * SubscribeURL): it runs as an {@link Principal#anonymous anonymous} caller of the account owning the resource it
 * names, unauthorized (the handler checks the token), and is recorded when it succeeds; an unsigned call that
 * fails proved no identity and is only logged, like a bad signature. A mutating
 * handler and its record commit together; when the record cannot be written the call fails with a 500 and
 * changes nothing. Thread-safe.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final ServiceRouter router;
    private final SigV4Verifier verifier;
    private final Authorizer authorizer;
    private final Store store;
    private final AuditRecorder recorder;
    private final Clock clock;
    private final long maxBodyBytes;

    public Pipeline(List<ServiceBinding> services, SigV4Verifier verifier, Authorizer authorizer, Store store,
                    AuditRecorder recorder, Clock clock, long maxBodyBytes) {
        this.router = new ServiceRouter(services);
        this.verifier = verifier;
        this.authorizer = authorizer;
        this.store = store;
        this.recorder = recorder;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Handles one request; {@code bodyTooLarge} when the body was cut at the limit. The future completes with the
     * response. A read or a failed call has its answer ready before its record is committed: the future then
     * completes on the store's writer thread once the record is durable, so that no thread waits blocked for the
     * commit (on 2 cores a blocked thread's wake-up costs as much as the read itself). A mutating call waits for
     * its commit on the caller's thread, since its answer is made of what the transaction did.
     */
    public CompletableFuture<HttpResponse> answer(HttpRequest request, boolean bodyTooLarge) {
        String requestId = Uuids.random().toString();
        Instant received = clock.instant();
        Optional<PublicDocument> document = router.document(request);
        if (document.isPresent()) {
            return CompletableFuture.completedFuture(withRequestId(
                    HttpResponse.of(200, document.get().contentType(), document.get().body(), Map.of()), requestId));
        }
        Optional<ServiceBinding> routed = router.route(request);
        if (routed.isEmpty()) {
            return CompletableFuture.completedFuture(Unrouted.response(request, requestId));
        }
        ServiceBinding service = routed.get();
        VerifiedCaller caller;
        String operation;
        try {
            if (bodyTooLarge) {
                throw new AwsException(service.spec().payloadTooLarge(), 413, AwsException.Fault.CLIENT,
                        "Request body exceeds the maximum allowed size of " + maxBodyBytes + " bytes");
            }
            Optional<OperationSpec> anonymous = ServiceRouter.anonymousOperation(service, request);
            if (anonymous.isPresent()) {
                caller = anonymousCaller(service, anonymous.get(), request);
                operation = anonymous.get().name();
            } else {
                caller = verifier.verify(request, service.spec().errorFamily(), received);
                operation = service.protocol().resolveOperation(request);
            }
        } catch (AwsException e) {
            LOG.info("{} refused before authentication completed: {} {}", requestId, e.code(), e.getMessage());
            return CompletableFuture.completedFuture(
                    withRequestId(service.protocol().encodeError(e, requestId, request), requestId));
        }
        return call(service, caller, operation, request, requestId, received);
    }

    /**
     * The caller of an unsigned call: anonymous, of the account and region of the resource the request names (the
     * operation's {@code anonymous} template). A request naming no such resource cannot be attributed to anyone.
     */
    private static VerifiedCaller anonymousCaller(ServiceBinding service, OperationSpec operation, HttpRequest request) {
        Decoded decoded = service.protocol().decode(operation.name(), request);
        String[] arn = Templates.fill(operation.anonymous().orElseThrow(), decoded.requestParameters()).orElse("")
                .split(":", 6);
        if (arn.length != 6 || !arn[0].equals("arn") || arn[3].isEmpty() || !arn[4].matches("\\d{12}")) {
            throw CommonErrors.missingAuthentication(service.spec().errorFamily());
        }
        return new VerifiedCaller(Principal.anonymous(arn[4]), arn[3], service.spec().signingName());
    }

    private CompletableFuture<HttpResponse> call(ServiceBinding service, VerifiedCaller caller, String operation, HttpRequest request,
                              String requestId, Instant received) {
        OperationSpec spec = service.spec().operation(operation).orElseThrow();
        Call call = new Call(service, spec, caller, request, requestId, received);
        try {
            Decoded decoded = service.protocol().decode(operation, request);
            call.decoded = decoded;
            authorize(call);
            Invocation invocation = new Invocation(spec, decoded.input(), caller.principal(), caller.region(),
                    requestId, received, request.header("host")
                            .map(host -> (request.tls().isPresent() ? "https://" : "http://") + host));
            OperationHandler handler = service.implementation().handler(operation)
                    .orElseThrow(() -> notImplemented(service, operation));
            handler.check(invocation);
            if (spec.readOnly()) {
                return read(call, handler, invocation);
            }
            ObjectNode output = write(call, handler, invocation);
            return CompletableFuture.completedFuture(success(call, output));
        } catch (AwsException e) {
            return failed(call, e, !call.recorded || caller.principal().isAnonymous());
        } catch (StoreException e) {
            return CompletableFuture.completedFuture(notCommitted(call, e));
        } catch (RuntimeException e) {
            LOG.error("{} {}:{} failed unexpectedly", requestId, service.spec().id(), operation, e);
            return failed(call, CommonErrors.internalFailure(), !call.recorded);
        }
    }

    private static HttpResponse success(Call call, ObjectNode output) {
        return withRequestId(call.service.protocol().encodeOutput(call.spec.name(), output, call.requestId), call.requestId);
    }

    private static HttpResponse failure(Call call, AwsException error) {
        return withRequestId(call.service.protocol().encodeError(error, call.requestId, call.request), call.requestId);
    }

    private static HttpResponse notCommitted(Call call, Throwable e) {
        LOG.error("{} failed: the store could not commit; nothing was changed", call.requestId, e);
        return failure(call, CommonErrors.internalFailure());
    }

    private void authorize(Call call) {
        Optional<String> template = call.spec.authResource();
        if (template.isEmpty() || call.caller.principal().isAnonymous()) {
            return;
        }
        try {
            authorizeResource(call, template.get());
        } catch (AwsException e) {
            throw call.service.spec().denial(e);
        }
    }

    private void authorizeResource(Call call, String template) {
        String resource = Templates.fill(template, call, Optional.empty()).orElse("*");
        String[] arn = resource.split(":", 6);
        if (arn.length == 6 && arn[4].matches("\\d{12}") && !arn[4].equals(call.caller.principal().accountId())) {
            throw Authorizer.denied(call.caller.principal(), call.spec.iamAction(), resource,
                    "because no resource-based policy allows the " + call.spec.iamAction() + " action",
                    call.service.spec().errorFamily());
        }
        authorizer.authorize(call.caller.principal(), call.spec.iamAction(), resource, call.caller.region(),
                call.service.spec().errorFamily());
    }

    /**
     * A read: the handler runs on a reader connection and the response is encoded on the caller's thread; the
     * answer waits only for the durable commit of the record, which completes it on the writer thread.
     */
    private CompletableFuture<HttpResponse> read(Call call, OperationHandler handler, Invocation invocation) {
        ObjectNode output = store.read(tx -> handler.handle(invocation, tx));
        EventLog.Prepared prepared = recorder.prepare(facts(call, Optional.of(output), Optional.empty()));
        HttpResponse response = success(call, output);
        call.recorded = true;
        return afterRecord(call, prepared, response);
    }

    private ObjectNode write(Call call, OperationHandler handler, Invocation invocation) {
        recordedParameters(call);
        Outcome outcome = store.write(tx -> {
            try {
                ObjectNode output = tx.attempt(t -> handler.handle(invocation, t));
                recorder.append(tx, facts(call, Optional.of(output), Optional.empty()));
                return new Outcome(output, null);
            } catch (AwsException e) {
                if (!call.caller.principal().isAnonymous()) {
                    recorder.append(tx, facts(call, Optional.empty(), Optional.of(e)));
                }
                return new Outcome(null, e);
            } catch (RuntimeException e) {
                if (e instanceof StoreException) {
                    throw e;
                }
                LOG.error("{} {}:{} failed unexpectedly", call.requestId, call.service.spec().id(), call.spec.name(), e);
                AwsException internal = CommonErrors.internalFailure();
                if (!call.caller.principal().isAnonymous()) {
                    recorder.append(tx, facts(call, Optional.empty(), Optional.of(internal)));
                }
                return new Outcome(null, internal);
            }
        });
        call.recorded = true;
        if (outcome.error() != null) {
            throw outcome.error();
        }
        return outcome.output();
    }

    private record Outcome(ObjectNode output, AwsException error) {
    }

    /**
     * The answer of a failed call, after the durable commit of its record when {@code record} (and the call is
     * recorded). When that record cannot be written the answer is a 500 instead: no call is answered without its
     * record, not even with its own error.
     */
    private CompletableFuture<HttpResponse> failed(Call call, AwsException error, boolean record) {
        HttpResponse response = failure(call, error);
        if (!record) {
            return CompletableFuture.completedFuture(response);
        }
        if (call.caller.principal().isAnonymous()) {
            LOG.info("{} unsigned {}:{} refused, not recorded: {} {}", call.requestId, call.service.spec().id(),
                    call.spec.name(), error.code(), error.getMessage());
            return CompletableFuture.completedFuture(response);
        }
        EventLog.Prepared prepared = recorder.prepare(facts(call, Optional.empty(), Optional.of(error)));
        return afterRecord(call, prepared, response);
    }

    /**
     * The response, once the prepared record (none when null) is durable in a transaction of its own; a 500 instead
     * when it cannot be written.
     */
    private CompletableFuture<HttpResponse> afterRecord(Call call, EventLog.Prepared prepared, HttpResponse response) {
        if (prepared == null) {
            return CompletableFuture.completedFuture(response);
        }
        return store.submit(tx -> {
            recorder.append(tx, prepared);
            return null;
        }).handle((ignored, e) -> e == null ? response : notCommitted(call, e));
    }

    /** The call's request parameters as its record shows them, prepared once, on the caller's thread. */
    private JsonNode recordedParameters(Call call) {
        if (call.recordedParameters == null) {
            call.recordedParameters = recorder.records(call.service.spec(), call.spec)
                    ? recorder.requestParameters(call.service.spec().id(), Optional.ofNullable(call.decoded).map(Decoded::requestParameters))
                    : com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return call.recordedParameters;
    }

    private CallFacts facts(Call call, Optional<ObjectNode> output, Optional<AwsException> error) {
        Optional<ObjectNode> responseElements = output.map(o -> call.service.protocol().auditView(call.spec.name(), o));
        JsonNode parameters = recordedParameters(call);
        List<CallFacts.Resource> resources = call.spec.resource()
                .flatMap(r -> Templates.fill(r.arn(), call, responseElements)
                        .map(arn -> new CallFacts.Resource(r.type(), arn, call.caller.principal().accountId())))
                .stream().toList();
        return new CallFacts(call.service.spec(), call.spec, call.caller.principal(), call.caller.region(),
                call.requestId, clock.instant(), call.request.sourceIp(), call.request.header("user-agent"),
                parameters, responseElements, error, resources,
                call.request.tls().map(t -> new CallFacts.TlsDetails(t.tlsVersion(), t.cipherSuite(), t.clientProvidedHostHeader())));
    }

    private static AwsException notImplemented(ServiceBinding service, String operation) {
        return new AwsException("InternalFailure", 501, AwsException.Fault.SERVER,
                "Waymark does not implement " + service.spec().id() + ":" + operation + " yet");
    }

    private static HttpResponse withRequestId(HttpResponse response, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("x-amzn-RequestId", requestId);
        return new HttpResponse(response.status(), headers, response.body());
    }

    /** The state of one call as the pipeline fills it in. Not thread-safe; confined to the request's thread. */
    static final class Call {
        final ServiceBinding service;
        final OperationSpec spec;
        final VerifiedCaller caller;
        final HttpRequest request;
        final String requestId;
        final Instant received;
        Decoded decoded;
        JsonNode recordedParameters;
        boolean recorded;

        Call(ServiceBinding service, OperationSpec spec, VerifiedCaller caller, HttpRequest request, String requestId,
             Instant received) {
            this.service = service;
            this.spec = spec;
            this.caller = caller;
            this.request = request;
            this.requestId = requestId;
            this.received = received;
        }
    }
}
