package io.waybill.carriers.spi;

import io.waybill.contracts.ShipmentValidated;
import java.util.List;
import java.util.Map;

/**
 * One carrier integration, bound to one carrier account (its credentials and base URLs come from the
 * {@link CarrierAccount} given to its {@link CarrierAdapterFactory}). Adding a carrier means adding one
 * package with an adapter, its factory (listed in {@code META-INF/services}), a mapper, a status-code
 * table and WireMock-backed tests; the services find it through {@link java.util.ServiceLoader}.
 *
 * <p>Errors: every method throws {@link CarrierException}; {@link CarrierException#retryable()} tells
 * the caller's fault-tolerance layer whether trying again may help (timeouts, 5xx) or not (the carrier
 * refused the request, with its message). Messages never carry secrets. An operation the carrier does
 * not offer throws {@link CarrierException#unsupported(String, String)}.
 *
 * <p>Adapters are thread-safe and keep no per-shipment state.
 */
public interface CarrierAdapter {

    /** The code shipments use in {@code carrier}, e.g. {@code sandbox}, {@code koiki}. */
    String code();

    /** Checks the account's credentials with the carrier (no booking). Throws when the carrier refuses them. */
    void verifyCredentials() throws CarrierException;

    /** Prices and transit times of the carrier's services for this shipment (no booking). */
    List<Quote> quote(ShipmentValidated shipment) throws CarrierException;

    /** Books the shipment with the carrier: tracking numbers per parcel, and the carrier's own label when it has one. */
    CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException;

    /**
     * Whether booking twice with the same idempotency key is guaranteed to return the first booking
     * instead of buying a second label ({@link #createShipment(ShipmentValidated, String)}). Callers
     * retry a booking whose outcome is unknown ({@link CarrierException#outcomeUnknown()}) only then.
     * False unless the carrier documents such a guarantee.
     */
    default boolean honoursIdempotencyKey() {
        return false;
    }

    /**
     * Books like {@link #createShipment(ShipmentValidated)}, passing {@code idempotencyKey} to carriers
     * that take one (the same key for every try of one purchase). Carriers without keys ignore it.
     */
    default CarrierShipment createShipment(ShipmentValidated shipment, String idempotencyKey) throws CarrierException {
        return createShipment(shipment);
    }

    /**
     * Books a return: {@code shipment} goes from the customer (its sender) back to the merchant (its
     * recipient); {@code originalReference} is the order reference of the outbound shipment. Carriers
     * without a return product throw {@link CarrierException#unsupported(String, String)}.
     */
    default CarrierShipment createReturnShipment(ShipmentValidated shipment, String originalReference)
            throws CarrierException {
        throw CarrierException.unsupported(code(), "returns");
    }

    /**
     * Cancels the booking made under {@code trackingNumber} (the master number), so the label can no
     * longer be used and is not billed. May be called again for the same number (a redelivered or
     * retried cancellation): voiding an already voided number must be treated as success.
     */
    void voidShipment(String trackingNumber) throws CarrierException;

    /** Asks the carrier to collect parcels; returns the carrier's confirmation. */
    PickupConfirmation requestPickup(PickupRequest request) throws CarrierException;

    /**
     * The carrier's events for these tracking numbers, oldest first per number. At most
     * {@link #maxTrackBatch()} numbers per call (more is an {@link IllegalArgumentException}); callers
     * split longer lists. Codes the status table does not know come back as
     * {@link NormalizedStatus#UNMAPPED} (EXCEPTION / exception.unmapped), never as a guess.
     */
    List<TrackingUpdate> track(List<String> trackingNumbers) throws CarrierException;

    /**
     * Reads a webhook call of the carrier. Verifies its signature when the carrier signs (a bad or missing
     * signature is a non-retryable {@link CarrierException}); header names are matched case-insensitively.
     */
    List<TrackingUpdate> parseWebhook(byte[] body, Map<String, String> headers) throws CarrierException;

    /**
     * Reads a webhook body whose sender the service has already authenticated by other means (a carrier
     * partner's OIDC token, or Waybill's own signature scheme): the carrier's own signature is not
     * required. Carriers that sign override this to skip only the signature check.
     */
    default List<TrackingUpdate> readWebhook(byte[] body) throws CarrierException {
        return parseWebhook(body, Map.of());
    }

    /**
     * The normalized status this plug-in's current table gives {@code carrierCode}
     * ({@link NormalizedStatus#UNMAPPED} when the table does not know it); empty when the plug-in cannot say
     * for a single code. Used to re-normalize stored events after a table changed.
     */
    default java.util.Optional<NormalizedStatus> normalize(String carrierCode) {
        return java.util.Optional.empty();
    }

    /** The most tracking numbers the carrier takes in one request, i.e. in one {@link #track} call. */
    int maxTrackBatch();
}
