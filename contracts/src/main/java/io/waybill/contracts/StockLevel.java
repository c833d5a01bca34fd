package io.waybill.contracts;

/**
 * A partner's stock of one SKU at one moment. {@code onHand} is every unit in the warehouse;
 * {@code available} (sellable) and {@code allocated} (reserved for orders) are null when the partner
 * does not report them.
 */
public record StockLevel(String sku, int onHand, Integer available, Integer allocated) {
}
