package io.waybill.fulfillment.handingover;

import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerOrder.OrderLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated shipment as the order a warehouse picks: one line per SKU, quantities summed over parcels. */
final class PartnerOrders {

    private PartnerOrders() {
    }

    static PartnerOrder of(ShipmentValidated shipment) {
        Map<String, Item> bySku = new LinkedHashMap<>();
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Parcel parcel : shipment.parcels()) {
            for (Item item : parcel.items()) {
                bySku.putIfAbsent(item.sku(), item);
                quantities.merge(item.sku(), item.quantity(), Integer::sum);
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        quantities.forEach((sku, quantity) -> lines.add(new OrderLine(lines.size() + 1, sku, bySku.get(sku).description(),
                quantity)));
        return new PartnerOrder(shipment.shipmentId(), shipment.tenantId(), shipment.orderReference(),
                shipment.fulfillment().warehouse(), shipment.sender(), shipment.recipient(), lines, shipment.carrier(),
                shipment.service(), shipment.validatedAt());
    }
}
