package io.waybill.fulfillment.ordering;

import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventCodec;

/** How fulfillment orders are stored: one stream per shipment, so a shipment is handed over once. */
public final class FulfillmentOrderEvents {

    public static final String STREAM_TYPE = "fulfillment-order";
    public static final EventCodec<FulfillmentOrderEvent> CODEC = EventCodec.forSealed(FulfillmentOrderEvent.class,
            ContractsJson.mapper());

    private FulfillmentOrderEvents() {
    }

    public static String streamId(String shipmentId) {
        return "fulfillment-" + shipmentId;
    }
}
