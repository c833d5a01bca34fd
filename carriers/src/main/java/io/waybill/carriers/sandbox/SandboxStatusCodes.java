package io.waybill.carriers.sandbox;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;
import java.util.Map;

/** The sandbox carrier's own status codes (invented, stable), their words and their normalized status. */
final class SandboxStatusCodes {

    static final String ANNOUNCED = "SB10";
    static final String PICKED_UP = "SB20";
    static final String IN_HUB = "SB30";
    static final String OUT_FOR_DELIVERY = "SB40";
    static final String NOBODY_HOME = "SB51";
    static final String DELIVERED = "SB60";
    static final String RETURNING = "SB70";
    static final String RETURNED = "SB80";

    static final String IN_CUSTOMS = "SB35";
    static final String CUSTOMS_RELEASED = "SB36";
    static final String EXPIRED = "SB90";

    /** The versioned table {@code sandbox.v<N>.properties} in this package. */
    static final StatusTable TABLE = StatusTable.load(SandboxStatusCodes.class, "sandbox.v1.properties");

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry(ANNOUNCED, "Shipment announced"), Map.entry(PICKED_UP, "Picked up"),
            Map.entry(IN_HUB, "At the sorting hub"), Map.entry(IN_CUSTOMS, "Held by customs"),
            Map.entry(CUSTOMS_RELEASED, "Released by customs"), Map.entry(OUT_FOR_DELIVERY, "Out for delivery"),
            Map.entry(NOBODY_HOME, "Recipient absent"), Map.entry(DELIVERED, "Delivered"),
            Map.entry(RETURNING, "Returning to sender"), Map.entry(RETURNED, "Returned to sender"),
            Map.entry(EXPIRED, "Tracking expired"));

    private SandboxStatusCodes() {
    }

    static NormalizedStatus status(String code) {
        return TABLE.normalize(code);
    }

    static String description(String code) {
        return WORDS.getOrDefault(code, "Unknown sandbox status " + code);
    }
}
