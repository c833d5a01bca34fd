package io.waybill.contracts;

/**
 * One line of goods inside a parcel.
 *
 * <p>{@code unitValue}, {@code hsCode} and {@code originCountry} (ISO 3166-1 alpha-2) are what
 * customs and fiscal documents need; a domestic shipment may leave them null.
 */
public record Item(
        String sku,
        String description,
        int quantity,
        Money unitValue,
        String hsCode,
        String originCountry) {
}
