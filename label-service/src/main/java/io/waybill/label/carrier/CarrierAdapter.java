package io.waybill.label.carrier;

import io.waybill.contracts.ShipmentValidated;

/**
 * One carrier integration. Adding a carrier means adding one package with an implementation of this
 * interface (a CDI bean) and its WireMock-backed tests. The full plug-in contract (quotes, pickups,
 * void, tracking, webhooks) grows with the carrier issue; this is the part labels need.
 */
public interface CarrierAdapter {

    /** The code shipments use in {@code carrier}, e.g. {@code sandbox}, {@code koiki}. */
    String code();

    /** Books the shipment with the carrier: tracking numbers per parcel, and the carrier's own label when it has one. */
    CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException;
}
