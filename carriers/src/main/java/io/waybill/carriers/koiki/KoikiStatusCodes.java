package io.waybill.carriers.koiki;

import io.waybill.contracts.TrackingStatus;
import java.util.Map;

/**
 * Koiki's tracking codes ({@code code} in {@code track/see} results), from its public documentation,
 * and their normalized status. A code not listed here is {@link TrackingStatus#UNMAPPED}.
 */
final class KoikiStatusCodes {

    private static final Map<String, TrackingStatus> TABLE = Map.ofEntries(
            // in process
            Map.entry("100", TrackingStatus.INFO_RECEIVED),     // pending arrival at Koiki
            Map.entry("102", TrackingStatus.IN_TRANSIT),        // arrived at Koiki
            Map.entry("103", TrackingStatus.IN_TRANSIT),        // customer notified
            Map.entry("114", TrackingStatus.IN_TRANSIT),        // delivery arranged with the customer
            // delivered
            Map.entry("108", TrackingStatus.DELIVERED),
            // incidents at the door: another attempt is possible
            Map.entry("111", TrackingStatus.DELIVERY_FAILED),   // recipient absent
            Map.entry("112", TrackingStatus.DELIVERY_FAILED),   // refused
            Map.entry("113", TrackingStatus.DELIVERY_FAILED),   // wrong address
            Map.entry("906", TrackingStatus.DELIVERY_FAILED),   // no money for cash on delivery
            // incidents in the network
            Map.entry("900", TrackingStatus.EXCEPTION),         // expired
            Map.entry("901", TrackingStatus.EXCEPTION),         // being handled
            Map.entry("902", TrackingStatus.EXCEPTION),         // missing
            Map.entry("903", TrackingStatus.EXCEPTION),         // diverted
            Map.entry("904", TrackingStatus.EXCEPTION),         // surplus
            Map.entry("905", TrackingStatus.RETURNING));        // return to sender

    private KoikiStatusCodes() {
    }

    static TrackingStatus status(String code) {
        return code == null ? TrackingStatus.UNMAPPED : TABLE.getOrDefault(code, TrackingStatus.UNMAPPED);
    }
}
