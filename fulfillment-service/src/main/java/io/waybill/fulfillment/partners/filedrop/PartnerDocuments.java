package io.waybill.fulfillment.partners.filedrop;

import io.waybill.contracts.StockLevel;
import io.waybill.fulfillment.partners.spi.PartnerMessage;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import io.waybill.fulfillment.partners.spi.StockReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a file the partner left (a Confirmation or a StockReport, schema {@code waybill-confirmation-v1.xsd}).
 * A file that is not well-formed or breaks the schema becomes a malformed message naming the first fault.
 */
final class PartnerDocuments {

    static final String NAMESPACE = "urn:waybill:fulfillment:confirmation:v1";

    private PartnerDocuments() {
    }

    static PartnerMessage read(String source, byte[] content, Schema schema) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setSchema(schema);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            document = builder.parse(new ByteArrayInputStream(content));
        } catch (SAXParseException e) {
            return PartnerMessage.malformed(source, "line " + e.getLineNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            return PartnerMessage.malformed(source, "unreadable: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element root = document.getDocumentElement();
        if ("StockReport".equals(root.getLocalName())) {
            List<StockLevel> levels = new ArrayList<>();
            NodeList articles = root.getElementsByTagNameNS(NAMESPACE, "Article");
            for (int i = 0; i < articles.getLength(); i++) {
                Element a = (Element) articles.item(i);
                levels.add(new StockLevel(a.getAttribute("sku"), Integer.parseInt(a.getAttribute("onHand")),
                        optionalInt(a, "available"), optionalInt(a, "allocated")));
            }
            return new PartnerMessage(source, List.of(), new StockReport(child(root, "Warehouse"), levels,
                    OffsetDateTime.parse(child(root, "ReportedAt")), source), null);
        }
        Step step = Step.valueOf(child(root, "Status"));
        List<String> parcels = new ArrayList<>();
        NodeList parcelNodes = root.getElementsByTagNameNS(NAMESPACE, "Parcel");
        for (int i = 0; i < parcelNodes.getLength(); i++) {
            parcels.add(((Element) parcelNodes.item(i)).getAttribute("trackingNumber"));
        }
        String code = child(root, "StatusCode");
        return PartnerMessage.of(source, List.of(new PartnerUpdate(child(root, "OrderNumber"), step,
                code == null ? step.name() : code, child(root, "Description"), child(root, "Carrier"), child(root, "Service"),
                child(root, "TrackingNumber"), parcels, OffsetDateTime.parse(child(root, "OccurredAt")), "POLL")));
    }

    private static String child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static Integer optionalInt(Element element, String attribute) {
        return element.hasAttribute(attribute) ? Integer.valueOf(element.getAttribute(attribute)) : null;
    }
}
