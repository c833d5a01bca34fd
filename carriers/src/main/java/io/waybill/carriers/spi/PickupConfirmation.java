package io.waybill.carriers.spi;

import java.time.LocalDate;
import java.time.LocalTime;

/** The carrier's answer to a pickup request: its confirmation number and the window it booked. */
public record PickupConfirmation(String carrier, String confirmationNumber, LocalDate date, LocalTime readyFrom,
        LocalTime readyUntil) {
}
