package io.waybill.tracking.tracking;

import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.EventCodec;
import java.util.Locale;

/** How tracking events are stored: one stream per carrier and tracking number. */
public final class TrackingEvents {

    public static final String STREAM_TYPE = "tracking";
    public static final EventCodec<TrackingEvent> CODEC = EventCodec.forSealed(TrackingEvent.class, ContractsJson.mapper());

    private TrackingEvents() {
    }

    public static String streamId(String carrier, String trackingNumber) {
        return "tracking-" + carrier.toLowerCase(Locale.ROOT) + "-" + trackingNumber;
    }
}
