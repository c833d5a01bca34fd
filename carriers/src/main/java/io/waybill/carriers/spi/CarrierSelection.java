package io.waybill.carriers.spi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses among quotes by a shipment's selection rule. Pure. Prices are compared as numbers, so
 * quotes must share a currency; ties break on the other criterion, then on carrier and service
 * code, so the same quotes always give the same choice.
 */
public final class CarrierSelection {

    public static final String CHEAPEST = "CHEAPEST";
    public static final String FASTEST = "FASTEST";

    private static final Comparator<Quote> BY_PRICE = Comparator.comparing(q -> q.price().amount());
    private static final Comparator<Quote> BY_TRANSIT = Comparator.comparingInt(Quote::transitDays);
    private static final Comparator<Quote> BY_NAME = Comparator.comparing(Quote::carrier).thenComparing(Quote::service);

    private CarrierSelection() {
    }

    public static Optional<Quote> choose(List<Quote> quotes, String rule) {
        Comparator<Quote> order = FASTEST.equals(rule)
                ? BY_TRANSIT.thenComparing(BY_PRICE).thenComparing(BY_NAME)
                : BY_PRICE.thenComparing(BY_TRANSIT).thenComparing(BY_NAME);
        return quotes.stream().min(order);
    }
}
