// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.core.ServiceSpec;
import java.util.Map;

/** Renders JSON error responses: the {@code x-amzn-ErrorType} header plus the body the service uses. */
public final class JsonErrors {
    private JsonErrors() {
    }

    public static HttpResponse render(ServiceModel model, ServiceSpec.ErrorBody style, AwsException error, String requestId,
                             String contentType) {
        ObjectNode body = JsonSupport.MAPPER.createObjectNode();
        String message = error.getMessage() == null ? "" : error.getMessage();
        switch (style) {
            case MESSAGE_AND_REQUEST_ID -> body.put("Message", message).put("RequestID", requestId);
            case LOWER_MESSAGE -> body.put("message", message);
            case MESSAGE -> body.put("Message", message);
            case TYPE_AND_MESSAGE, XML -> body.put("__type", error.code()).put("message", message);
        }
        return HttpResponse.of(status(model, error), contentType, JsonSupport.bytes(body),
                Map.of("x-amzn-ErrorType", error.code()));
    }

    /** The status the error is sent with: its own, else the model's for that error shape, else 400 or 500. */
    public static int status(ServiceModel model, AwsException error) {
        if (error.status() != AwsException.STATUS_FROM_MODEL) {
            return error.status();
        }
        return model.errorShape(error.code()).flatMap(ServiceModel.Shape::errorStatus)
                .orElse(error.fault() == AwsException.Fault.SERVER ? 500 : 400);
    }
}
