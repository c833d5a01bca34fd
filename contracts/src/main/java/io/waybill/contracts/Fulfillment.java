package io.waybill.contracts;

/**
 * Where a 3PL warehouse fulfils a shipment instead of a carrier label being bought: {@code partner}
 * is the fulfillment plug-in's code (e.g. {@code ongoing}, {@code file-drop}), {@code warehouse} the
 * partner's warehouse (null: the partner's default). Added within v1 (ADR 0090).
 */
public record Fulfillment(String partner, String warehouse) {
}
