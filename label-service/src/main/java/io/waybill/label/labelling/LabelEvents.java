package io.waybill.label.labelling;

import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventCodec;

/** How label events are stored: one stream per shipment. */
public final class LabelEvents {

    public static final String STREAM_TYPE = "label";
    public static final EventCodec<LabelEvent> CODEC = EventCodec.forSealed(LabelEvent.class, ContractsJson.mapper());

    private LabelEvents() {
    }

    public static String streamId(String shipmentId) {
        return "label-" + shipmentId;
    }

    /** The stream of a shipment's label ({@code returnId} null) or of one of its return labels. */
    public static String streamId(String shipmentId, String returnId) {
        return returnId == null ? streamId(shipmentId) : "label-return-" + returnId;
    }
}
