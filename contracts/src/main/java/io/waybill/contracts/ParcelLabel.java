package io.waybill.contracts;

/** The tracking number a carrier gave one parcel (1-based) of a multi-parcel shipment. */
public record ParcelLabel(int parcelNumber, String trackingNumber) {
}
