// SPDX-License-Identifier: Apache-2.0
package dev.waymark.protocol.restxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waymark.core.AwsException;
import dev.waymark.protocol.ServiceModel;
import dev.waymark.protocol.ServiceModel.Member;
import dev.waymark.protocol.ServiceModel.Shape;
import dev.waymark.protocol.ShapeReader;
import dev.waymark.protocol.Violations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an XML request body into Waymark's input form, following the model: structures become objects keyed by
 * member name, lists are wrapped ({@code <Tags><Tag/></Tags>}) or flattened ({@code <Rule/><Rule/>}) as the model
 * says, scalars are read from their text. The parser refuses DTDs, so no entity can be expanded or fetched.
 */
final class XmlReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DocumentBuilderFactory FACTORY = factory();

    private final ServiceModel model;
    private final ShapeReader reader;

    XmlReader(ServiceModel model, ShapeReader reader) {
        this.model = model;
        this.reader = reader;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        return factory;
    }

    /** The document element of a body, or S3's MalformedXML. */
    static Element parse(byte[] body) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw malformed();
        }
    }

    static AwsException malformed() {
        return new AwsException("MalformedXML", 400, AwsException.Fault.CLIENT,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    static String name(Node node) {
        return node.getLocalName() == null ? node.getNodeName() : node.getLocalName();
    }

    JsonNode read(String shapeName, Element element, String path, Violations violations) {
        Shape shape = model.shape(shapeName);
        return switch (shape.type()) {
            case "structure" -> readStructure(shape, element, path, violations);
            case "list" -> readList(shape, children(element, itemName(shape, "member")), path, violations);
            case "map" -> readMap(shape, element, path, violations);
            default -> reader.readText(shapeName, element.getTextContent(), path, violations);
        };
    }

    private JsonNode readStructure(Shape shape, Element element, String path, Violations violations) {
        ObjectNode result = NODES.objectNode();
        readMembers(shape, element, path, violations, result, false);
        reader.checkRequired(shape, result, path, violations);
        return result;
    }

    /** Reads the members of a structure found in the element into {@code result}; optionally only unbound ones. */
    void readMembers(Shape shape, Element element, String path, Violations violations, ObjectNode result,
                     boolean bodyOnly) {
        for (Member member : shape.members().values()) {
            if (bodyOnly && member.location().isPresent()) {
                continue;
            }
            String memberPath = ShapeReader.child(path, member.name());
            if (member.xmlAttribute()) {
                attribute(element, member.wireName()).ifPresent(text -> result.set(member.name(),
                        reader.readText(member.shape(), text, memberPath, violations)));
                continue;
            }
            Shape memberShape = model.shape(member.shape());
            if (memberShape.type().equals("list") && flattened(memberShape, member)) {
                List<Element> items = children(element, itemName(memberShape, member.wireName()));
                if (!items.isEmpty()) {
                    result.set(member.name(), readList(memberShape, items, memberPath, violations));
                }
                continue;
            }
            List<Element> matches = children(element, member.wireName());
            if (matches.size() > 1) {
                throw XmlReader.malformed();
            }
            if (!matches.isEmpty()) {
                JsonNode value = read(member.shape(), matches.get(0), memberPath, violations);
                if (!value.isNull()) {
                    result.set(member.name(), value);
                }
            }
        }
    }

    private JsonNode readList(Shape shape, List<Element> items, String path, Violations violations) {
        ArrayNode result = NODES.arrayNode();
        String itemShape = shape.member().orElseThrow().shape();
        for (Element item : items) {
            result.add(read(itemShape, item, path, violations));
        }
        return result;
    }

    private JsonNode readMap(Shape shape, Element element, String path, Violations violations) {
        ObjectNode result = NODES.objectNode();
        for (Element entry : children(element, "entry")) {
            List<Element> keys = children(entry, "key");
            List<Element> values = children(entry, "value");
            if (keys.size() == 1 && values.size() == 1) {
                result.set(keys.get(0).getTextContent(),
                        read(shape.value().orElseThrow(), values.get(0), path, violations));
            }
        }
        return result;
    }

    /** An attribute by its local name ({@code xsi:type} is found as {@code type}). */
    private static Optional<String> attribute(Element element, String wireName) {
        String local = wireName.substring(wireName.indexOf(':') + 1);
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            if (name(attributes.item(i)).equals(local)) {
                return Optional.of(attributes.item(i).getNodeValue());
            }
        }
        return Optional.empty();
    }

    static boolean flattened(Shape listShape, Member member) {
        return listShape.flattened() || member.flattened();
    }

    /** The element name of a list's items: its member's locationName, else the given default. */
    static String itemName(Shape listShape, String fallback) {
        return listShape.member().flatMap(Member::locationName).orElse(fallback);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE && name(node).equals(name)) {
                result.add((Element) node);
            }
        }
        return result;
    }
}
