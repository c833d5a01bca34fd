package io.waybill.returns.returning;

/**
 * What happens to the stock when a return reaches the warehouse, per tenant
 * ({@code waybill.returns.policy.<tenant>}): restock every returned item at once, or wait for the
 * warehouse's inspection and restock only what it found sellable.
 */
public enum ReturnPolicy {
    AUTO_RESTOCK,
    INSPECT
}
