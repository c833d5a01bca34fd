package io.waybill.fulfillment.partners.spi;

import io.waybill.contracts.Address;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order as a partner gets it: {@code orderNumber} is the shipment id (partners upsert by it),
 * {@code lines} the goods by article number (the merchant's SKU), {@code wayOfDelivery} the carrier and
 * service the merchant asked for (null: the warehouse chooses).
 */
public record PartnerOrder(String orderNumber, String tenantId, String orderReference, String warehouse, Address sender,
        Address consignee, List<OrderLine> lines, String carrier, String service, OffsetDateTime validatedAt) {

    public PartnerOrder {
        lines = List.copyOf(lines);
    }

    /** One line of goods; {@code rowNumber} is 1-based. */
    public record OrderLine(int rowNumber, String articleNumber, String description, int numberOfItems) {
    }
}
