package io.waybill.carriers.spi;

import io.waybill.contracts.Money;

/** A carrier's price and transit time for one of its services. */
public record Quote(String carrier, String service, Money price, int transitDays) {
}
