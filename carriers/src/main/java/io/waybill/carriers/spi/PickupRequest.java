package io.waybill.carriers.spi;

import io.waybill.contracts.Address;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A collection to book: where ({@code address}), when ({@code date} between {@code readyFrom} and
 * {@code readyUntil}, local time at the address), what ({@code trackingNumbers}, {@code parcels},
 * {@code totalWeightGrams}). {@code reference} and {@code notes} may be null.
 */
public record PickupRequest(LocalDate date, LocalTime readyFrom, LocalTime readyUntil, Address address,
        List<String> trackingNumbers, int parcels, int totalWeightGrams, String reference, String notes) {

    public PickupRequest {
        trackingNumbers = List.copyOf(trackingNumbers);
        if (readyUntil.isBefore(readyFrom)) {
            throw new IllegalArgumentException("readyUntil is before readyFrom");
        }
    }
}
