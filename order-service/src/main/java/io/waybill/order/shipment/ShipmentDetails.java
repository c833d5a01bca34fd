package io.waybill.order.shipment;

import io.waybill.contracts.Address;
import io.waybill.contracts.FiscalDocument;
import io.waybill.contracts.Parcel;
import java.util.List;

/** What the ERP asked to ship, as accepted. Weights in grams, dimensions in millimetres. */
public record ShipmentDetails(
        String orderReference,
        Address sender,
        Address recipient,
        List<Parcel> parcels,
        String carrier,
        String service,
        String selectionRule,
        String labelFormat,
        FiscalDocument fiscalDocument) {
}
