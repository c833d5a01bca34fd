package io.waybill.label.carrier;

import io.waybill.contracts.ShipmentValidated;

/**
 * One carrier integration. Adding a carrier means adding one package with an implementation of this
 * interface (a CDI bean) and its WireMock-backed tests. The full plug-in contract (pickups, tracking,
 * webhooks) grows with the carrier issue; this is the part labels and carrier selection need.
 */
public interface CarrierAdapter {

    /** The code shipments use in {@code carrier}, e.g. {@code sandbox}, {@code koiki}. */
    String code();

    /** Prices and transit times of the carrier's services for this shipment (no booking). */
    java.util.List<Quote> quote(ShipmentValidated shipment) throws CarrierException;

    /** Books the shipment with the carrier: tracking numbers per parcel, and the carrier's own label when it has one. */
    CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException;

    /**
     * Cancels the booking made under {@code trackingNumber} (the master number), so the label can no
     * longer be used and is not billed. May be called again for the same number (a redelivered or
     * retried cancellation): for the sandbox, voiding an unknown or already voided number is not an
     * error; a real carrier's adapter should treat "already voided" as success too.
     */
    void voidShipment(String trackingNumber) throws CarrierException;
}
