package io.waybill.returns.fromorders;

import io.waybill.contracts.Address;
import io.waybill.contracts.Parcel;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What this service knows of a shipment: whose it is, what it carried (units per SKU) and where it
 * left from; and, for return labels, its addresses, parcels and carrier (null for shipments recorded
 * before return labels existed).
 */
public record ShippedShipment(String shipmentId, String tenantId, String warehouseId, Map<String, Integer> items,
        OffsetDateTime validatedAt, String orderReference, Address sender, Address recipient, List<Parcel> parcels,
        String carrier, String service, String labelFormat) {

    public ShippedShipment {
        items = Map.copyOf(items);
        parcels = parcels == null ? null : List.copyOf(parcels);
    }

    /** Whether a return label can be made from what was recorded. */
    public boolean knowsAddressesAndParcels() {
        return sender != null && recipient != null && parcels != null && !parcels.isEmpty();
    }
}
