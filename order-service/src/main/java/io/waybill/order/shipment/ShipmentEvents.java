package io.waybill.order.shipment;

import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventCodec;

/** How Shipment events are stored: stream per shipment, JSON per event. */
public final class ShipmentEvents {

    public static final String STREAM_TYPE = "shipment";
    public static final EventCodec<ShipmentEvent> CODEC = EventCodec.forSealed(ShipmentEvent.class, ContractsJson.mapper());

    private ShipmentEvents() {
    }

    public static String streamId(String shipmentId) {
        return "shipment-" + shipmentId;
    }
}
