package io.waybill.fulfillment.partners.filedrop;

import io.waybill.contracts.Address;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.xml.sax.SAXException;

/** Writes the XML order document and checks it against the partner's schema before it is uploaded. */
final class OrderDocuments {

    static final String NAMESPACE = "urn:waybill:fulfillment:order:v1";

    private OrderDocuments() {
    }

    static byte[] write(PartnerOrder order) {
        return document("Order", xml -> {
            element(xml, "OrderNumber", order.orderNumber());
            element(xml, "Reference", order.orderReference());
            element(xml, "Warehouse", order.warehouse());
            if (order.carrier() != null) {
                xml.writeEmptyElement(NAMESPACE, "WayOfDelivery");
                xml.writeAttribute("carrier", order.carrier());
                if (order.service() != null) {
                    xml.writeAttribute("service", order.service());
                }
            }
            Address to = order.consignee();
            xml.writeStartElement(NAMESPACE, "Consignee");
            element(xml, "Name", to.name());
            element(xml, "Company", to.company());
            for (String line : to.lines()) {
                element(xml, "AddressLine", line);
            }
            element(xml, "PostalCode", to.postalCode());
            element(xml, "City", to.city());
            element(xml, "Region", to.region());
            element(xml, "Country", to.country());
            element(xml, "Phone", to.phone());
            element(xml, "Email", to.email());
            xml.writeEndElement();
            xml.writeStartElement(NAMESPACE, "Lines");
            for (PartnerOrder.OrderLine line : order.lines()) {
                xml.writeStartElement(NAMESPACE, "Line");
                xml.writeAttribute("row", String.valueOf(line.rowNumber()));
                element(xml, "ArticleNumber", line.articleNumber());
                element(xml, "Description", line.description());
                element(xml, "Quantity", String.valueOf(line.numberOfItems()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            element(xml, "CreatedAt", order.validatedAt().toString());
        });
    }

    /** The {@code Cancellation} document of the order schema: which order, the merchant's reason, when. */
    static byte[] writeCancellation(PartnerOrder order, String reason, OffsetDateTime at) {
        return document("Cancellation", xml -> {
            element(xml, "OrderNumber", order.orderNumber());
            element(xml, "Reference", order.orderReference());
            element(xml, "Reason", reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200));
            element(xml, "CancelledAt", at.toString());
        });
    }

    private interface Content {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    /** A UTF-8 document whose root element {@code root} in the order namespace holds {@code content}. */
    private static byte[] document(String root, Content content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, root);
            xml.writeDefaultNamespace(NAMESPACE);
            content.write(xml);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the " + root + " document", e);
        }
        return bytes.toByteArray();
    }

    /** Null when valid, else the schema's complaint. */
    static String violation(Schema schema, byte[] document) {
        try {
            var validator = schema.newValidator();
            validator.validate(new StreamSource(new ByteArrayInputStream(document)));
            return null;
        } catch (SAXException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null || value.isBlank()) {
            return;
        }
        xml.writeStartElement(NAMESPACE, name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }
}
