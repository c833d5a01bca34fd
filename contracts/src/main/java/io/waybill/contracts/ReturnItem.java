package io.waybill.contracts;

/** How many units of a SKU come back. */
public record ReturnItem(String sku, int quantity) {
}
