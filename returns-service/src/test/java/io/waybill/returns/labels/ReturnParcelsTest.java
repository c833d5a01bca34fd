package io.waybill.returns.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnItem;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReturnParcelsTest {

    static final Money PRICE = new Money(new BigDecimal("19.90"), "EUR");
    static final List<Parcel> SHIPPED = List.of(
            new Parcel(1000, new Dimensions(300, 200, 100), List.of(
                    new Item("SKU-A", "Shirt", 3, PRICE, "610910", "PT"), new Item("SKU-B", "Cap", 1, null, null, null))),
            new Parcel(3000, new Dimensions(400, 300, 300), List.of(new Item("SKU-A", "Shirt", 1, PRICE, "610910", "PT"),
                    new Item("SKU-C", "Boots", 1, null, null, null))));

    @Test
    void theReturnedUnitsCarryTheirShareOfTheOutboundWeightsAndTheirLines() {
        // 3 A + 1 B in a 1000 g parcel: 250 g a unit; the 4th A comes from the 3000 g parcel of 2 units: 1500 g.
        Parcel parcel = ReturnParcels.of(SHIPPED, List.of(new ReturnItem("SKU-A", 4), new ReturnItem("SKU-B", 1)));
        assertThat(parcel.weightGrams()).isEqualTo(3 * 250 + 250 + 1500);
        assertThat(parcel.dimensions()).as("the largest parcel that held any of them").isEqualTo(new Dimensions(400, 300, 300));
        assertThat(parcel.items()).containsExactly(new Item("SKU-A", "Shirt", 4, PRICE, "610910", "PT"),
                new Item("SKU-B", "Cap", 1, null, null, null));
    }

    @Test
    void aFewUnitsOfOneParcelWeighTheirShareAndAtLeastOneGram() {
        Parcel one = ReturnParcels.of(SHIPPED, List.of(new ReturnItem("SKU-B", 1)));
        assertThat(one.weightGrams()).isEqualTo(250);
        assertThat(one.dimensions()).isEqualTo(new Dimensions(300, 200, 100));
        Parcel weightless = ReturnParcels.of(List.of(new Parcel(1, new Dimensions(10, 10, 10),
                List.of(new Item("SKU-Z", "Pin", 7, null, null, null)))), List.of(new ReturnItem("SKU-Z", 1)));
        assertThat(weightless.weightGrams()).isEqualTo(1);
    }
}
