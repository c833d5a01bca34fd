package io.waybill.carriers.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarrierSelectionTest {

    static Quote quote(String carrier, String service, String price, int days) {
        return new Quote(carrier, service, new Money(new BigDecimal(price), "EUR"), days);
    }

    static final List<Quote> QUOTES = List.of(
            quote("koiki", "24h", "7.50", 1),
            quote("sandbox", "standard", "5.70", 3),
            quote("sandbox", "express", "10.26", 1),
            quote("coordinadora", "economy", "5.70", 5));

    @Test
    void cheapestTakesTheLowestPriceAndThenTheShortestTransit() {
        assertThat(CarrierSelection.choose(QUOTES, "CHEAPEST")).contains(QUOTES.get(1));
    }

    @Test
    void fastestTakesTheShortestTransitAndThenTheLowestPrice() {
        assertThat(CarrierSelection.choose(QUOTES, "FASTEST")).contains(QUOTES.get(0));
    }

    @Test
    void noQuotesNoChoice() {
        assertThat(CarrierSelection.choose(List.of(), "CHEAPEST")).isEmpty();
    }
}
