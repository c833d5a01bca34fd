package io.waybill.contracts;

import java.util.List;

/** One physical package; weight in grams so that no consumer has to guess the unit. */
public record Parcel(int weightGrams, Dimensions dimensions, List<Item> items) {

    public Parcel {
        items = Immutable.copy(items);
    }
}
