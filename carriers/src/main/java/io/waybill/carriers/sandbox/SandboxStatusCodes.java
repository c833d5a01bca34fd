package io.waybill.carriers.sandbox;

import io.waybill.contracts.TrackingStatus;
import java.util.Map;

/** The sandbox carrier's own status codes (invented, stable) and their normalized status. */
final class SandboxStatusCodes {

    static final String ANNOUNCED = "SB10";
    static final String PICKED_UP = "SB20";
    static final String IN_HUB = "SB30";
    static final String OUT_FOR_DELIVERY = "SB40";
    static final String NOBODY_HOME = "SB51";
    static final String DELIVERED = "SB60";
    static final String RETURNING = "SB70";
    static final String RETURNED = "SB80";

    private static final Map<String, TrackingStatus> TABLE = Map.of(
            ANNOUNCED, TrackingStatus.INFO_RECEIVED,
            PICKED_UP, TrackingStatus.IN_TRANSIT,
            IN_HUB, TrackingStatus.IN_TRANSIT,
            OUT_FOR_DELIVERY, TrackingStatus.OUT_FOR_DELIVERY,
            NOBODY_HOME, TrackingStatus.DELIVERY_FAILED,
            DELIVERED, TrackingStatus.DELIVERED,
            RETURNING, TrackingStatus.RETURNING,
            RETURNED, TrackingStatus.RETURNED);

    private static final Map<String, String> WORDS = Map.of(
            ANNOUNCED, "Shipment announced", PICKED_UP, "Picked up", IN_HUB, "At the sorting hub",
            OUT_FOR_DELIVERY, "Out for delivery", NOBODY_HOME, "Recipient absent", DELIVERED, "Delivered",
            RETURNING, "Returning to sender", RETURNED, "Returned to sender");

    private SandboxStatusCodes() {
    }

    static TrackingStatus status(String code) {
        return TABLE.getOrDefault(code, TrackingStatus.UNMAPPED);
    }

    static String description(String code) {
        return WORDS.getOrDefault(code, "Unknown sandbox status " + code);
    }
}
