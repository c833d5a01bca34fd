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
     * registered through the API (later) get random ids of the same shape.
     */
    public static String carrierReturnId(String shipmentId) {
        return "ret_" + UUID.nameUUIDFromBytes(("waybill:carrier-return:" + shipmentId).getBytes(StandardCharsets.UTF_8));
    }
}
