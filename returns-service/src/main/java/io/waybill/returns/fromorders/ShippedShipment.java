package io.waybill.returns.fromorders;

import java.time.OffsetDateTime;
import java.util.Map;

/** What this service knows of a shipment: whose it is, what it carried (units per SKU) and where it left from. */
public record ShippedShipment(String shipmentId, String tenantId, String warehouseId, Map<String, Integer> items,
        OffsetDateTime validatedAt) {

    public ShippedShipment {
        items = Map.copyOf(items);
    }
}
