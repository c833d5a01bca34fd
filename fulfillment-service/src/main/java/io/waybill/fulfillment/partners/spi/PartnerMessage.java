package io.waybill.fulfillment.partners.spi;

import java.util.List;

/**
 * One thing a partner reported: a polled answer or a file. {@code source} names it (a call or a file
 * path) for the history; {@code malformed} is the reason when it could not be read (then it carries no
 * updates and is {@linkplain FulfillmentPartner#reject rejected}); {@code stock} is set by partners
 * that report stock in the same channel.
 */
public record PartnerMessage(String source, List<PartnerUpdate> updates, StockReport stock, String malformed) {

    public PartnerMessage {
        updates = updates == null ? List.of() : List.copyOf(updates);
    }

    public static PartnerMessage of(String source, List<PartnerUpdate> updates) {
        return new PartnerMessage(source, updates, null, null);
    }

    public static PartnerMessage malformed(String source, String reason) {
        return new PartnerMessage(source, List.of(), null, reason);
    }
}
