package io.waybill.returns.returning;

import io.waybill.contracts.Address;
import io.waybill.contracts.Parcel;
import java.util.List;

/**
 * A return label to request with a new return: the goods travel from {@code sender} (the customer)
 * to {@code recipient} (the merchant's returns warehouse) with {@code carrier}. The shell fills it from
 * the request, the shipment and the configuration; {@code service} null is the carrier's default.
 */
public record ReturnLabelOrder(String carrier, String service, String labelFormat, Address sender, Address recipient,
        List<Parcel> parcels, String reference) {

    public ReturnLabelOrder {
        parcels = parcels == null ? List.of() : List.copyOf(parcels);
    }
}
