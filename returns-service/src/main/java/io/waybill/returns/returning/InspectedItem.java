package io.waybill.returns.returning;

/** What the warehouse found for some units of one SKU of a return. */
public record InspectedItem(String sku, Outcome outcome, int quantity) {

    public enum Outcome {
        /** Sellable again: back into stock. */
        RESTOCK,
        /** Came back, but cannot be sold. */
        DAMAGED,
        /** Announced, but not in the parcel. */
        MISSING
    }
}
