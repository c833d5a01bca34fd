package io.waybill.contracts;

import java.util.List;

/** Kafka topic names of the public events; one topic per event type keeps consumers simple. */
public final class Topics {

    public static final String SHIPMENT_VALIDATED = "waybill.shipment-validated";
    public static final String LABEL_GENERATED = "waybill.label-generated";
    public static final String LABEL_FAILED = "waybill.label-failed";
    public static final String STATUS_CHANGED = "waybill.status-changed";
    public static final String RETURN_REGISTERED = "waybill.return-registered";
    public static final String STOCK_ADJUSTED = "waybill.stock-adjusted";
    public static final String SHIPMENT_CANCELLED = "waybill.shipment-cancelled";
    public static final String RETURN_LABEL_REQUESTED = "waybill.return-label-requested";

    /** All public topics, in catalog order. */
    public static final List<String> PUBLIC = List.of(
            SHIPMENT_VALIDATED,
            LABEL_GENERATED,
            LABEL_FAILED,
            STATUS_CHANGED,
            RETURN_REGISTERED,
            STOCK_ADJUSTED,
            SHIPMENT_CANCELLED,
            RETURN_LABEL_REQUESTED);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Where a consumer parks a message it cannot process, so the partition keeps moving. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
