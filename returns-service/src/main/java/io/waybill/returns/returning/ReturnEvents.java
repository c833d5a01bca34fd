package io.waybill.returns.returning;

import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** How Return events are stored: stream per return, JSON per event. */
public final class ReturnEvents {

    public static final String STREAM_TYPE = "return";
    public static final EventCodec<ReturnEvent> CODEC = EventCodec.forSealed(ReturnEvent.class, ContractsJson.mapper());

    private ReturnEvents() {
    }

    public static String streamId(String returnId) {
        return "return-" + returnId;
    }

    /**
     * The id of the one carrier-reported return of a shipment: a name-based UUID of the shipment id,
     * so the stream ({@code return-ret_<uuid>}) is a function of the shipment. Two reports of the same
     * return (a redelivery under another message id, RETURNING then RETURNED, the carrier's return
     * shipment after a return status) land on the same stream and cannot create two returns. Returns
     * registered through the API get random ids of the same shape.
     */
    public static String carrierReturnId(String shipmentId) {
        return "ret_" + UUID.nameUUIDFromBytes(("waybill:carrier-return:" + shipmentId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The stable id of a stock adjustment: a name-based (v3) UUID of return, SKU and warehouse. The
     * decider adjusts each return's stock once, and should it ever be published twice (a relay
     * crashing between Kafka's acknowledgement and its checkpoint), ERPs drop the duplicate on this id.
     */
    public static String adjustmentId(String returnId, String sku, String warehouseId) {
        return UUID.nameUUIDFromBytes(("waybill:stock-adjustment:" + returnId + "|" + sku + "|" + warehouseId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
