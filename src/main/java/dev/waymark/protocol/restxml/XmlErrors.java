// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import dev.waymark.core.AwsException;
import dev.waymark.protocol.HttpResponse;
import dev.waymark.protocol.JsonErrors;
import dev.waymark.protocol.ServiceModel;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * S3's error document, {@code <Error><Code/><Message/><Resource/><RequestId/><HostId/></Error>}, with the request
 * id in {@code x-amz-request-id}; no body at all for a HEAD request, as S3 answers. A few framework errors have
 * S3 codes of their own, used here: {@code InvalidAccessKeyId} for an unknown key, {@code InternalError} and
 * {@code NotImplemented} for Waymark's 500 and 501.
 */
final class XmlErrors {
    private static final String CONTENT_TYPE = "application/xml";

    private XmlErrors() {
    }

    static HttpResponse render(ServiceModel model, AwsException raw, String requestId, Optional<String> resource,
                               boolean head) {
        AwsException error = s3Code(raw);
        int status = JsonErrors.status(model, error);
        Map<String, String> headers = RestXmlProtocol.requestIdHeaders(requestId);
        if (head) {
            return new HttpResponse(status, headers, new byte[0]);
        }
        headers.put("Content-Type", CONTENT_TYPE);
        byte[] body = XmlWriter.document(writer -> {
            writer.writeStartElement("Error");
            element(writer, "Code", error.code());
            element(writer, "Message", error.getMessage() == null ? "" : error.getMessage());
            if (resource.isPresent()) {
                element(writer, "Resource", resource.get());
            }
            element(writer, "RequestId", requestId);
            element(writer, "HostId", headers.get("x-amz-id-2"));
            writer.writeEndElement();
        });
        return new HttpResponse(status, headers, body);
    }

    private static AwsException s3Code(AwsException error) {
        switch (error.code()) {
            case "InvalidClientTokenId" -> {
                return new AwsException("InvalidAccessKeyId", 403, AwsException.Fault.CLIENT,
                        "The AWS Access Key Id you provided does not exist in our records.");
            }
            case "InternalFailure" -> {
                if (error.status() == 501) {
                    return new AwsException("NotImplemented", 501, AwsException.Fault.SERVER, error.getMessage());
                }
                return new AwsException("InternalError", 500, AwsException.Fault.SERVER,
                        "We encountered an internal error. Please try again.");
            }
            default -> {
                return error;
            }
        }
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }
}
