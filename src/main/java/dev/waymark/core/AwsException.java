// SPDX-License-Identifier: Apache-2.0
package dev.waymark.core;

import static java.util.Objects.requireNonNull;

/**
 * The one error type of Waymark: an AWS error code, the HTTP status it is sent with, who is at fault, and the
 * message. Service code throws it with the code of a modelled error and status {@link #STATUS_FROM_MODEL}; the
 * protocol layer then takes the status from the service model, so code and status cannot disagree. Anything
 * else thrown by a handler becomes {@link CommonErrors#internalFailure()} at the protocol boundary.
 */
public final class AwsException extends RuntimeException {
    /** Status placeholder: the protocol codec looks the status up in the service model's error shape. */
    public static final int STATUS_FROM_MODEL = 0;

    private final String code;
    private final int status;
    private final Fault fault;

    public enum Fault { CLIENT, SERVER }

    public AwsException(String code, int status, Fault fault, String message) {
        super(message, null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.status = status;
        this.fault = requireNonNull(fault, "fault is null");
    }

    /** A modelled client error of the current service; the status comes from the model. */
    public static AwsException modelled(String code, String message) {
        return new AwsException(code, STATUS_FROM_MODEL, Fault.CLIENT, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Fault fault() {
        return fault;
    }

    public AwsException withStatus(int newStatus) {
        return new AwsException(code, newStatus, fault, getMessage());
    }
}
