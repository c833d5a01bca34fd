package io.waybill.carriers.koiki;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.carriers.spi.Quote;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.ShipmentValidated;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Koiki (Spain), REST/JSON. Settings: {@code token} (required, secret), {@code environment}
 * ({@code test} by default, or {@code production}), optional {@code baseUrl} and
 * {@code trackingBaseUrl} overriding the hosts, {@code timeoutMs}.
 *
 * <p>What Koiki's public material does not show, this adapter does not pretend: no rating API
 * ({@link #quote} is unsupported), no pickup API (collection is arranged per shipment), no
 * cancellation endpoint ({@link #voidShipment} is unsupported: cancel in Koiki's portal), no
 * webhooks. Returns are {@code altaEnvios} with {@code devolucion} and {@code numPedidoOriginal}:
 * seen in public clients, unconfirmed by Koiki's documentation. No idempotency key either
 * ({@link #honoursIdempotencyKey()} is false): a booking whose answer was lost is not retried blindly.
 */
public class KoikiAdapter implements CarrierAdapter {

    static final String CODE = "koiki";

    private final String token;
    private final KoikiProxy proxy;

    public KoikiAdapter(CarrierAccount account) {
        this.token = account.require("token");
        this.proxy = new KoikiProxy(account);
    }

    @Override
    public String code() {
        return CODE;
    }

    /**
     * Sends {@code altaEnvios} with no envíos: Koiki answers "TOKEN NOT FOUND" for a bad token and
     * something else (an OK or a data error) for a good one. Assumed behaviour: no check endpoint is documented.
     */
    @Override
    public void verifyCredentials() throws CarrierException {
        JsonNode answer = proxy.altaEnvios(KoikiMapper.credentialCheck(token));
        Optional<String> refused = KoikiMapper.refusal(answer);
        if (refused.isPresent() && refused.get().toUpperCase(java.util.Locale.ROOT).contains("TOKEN")) {
            throw new CarrierException("KOIKI_CREDENTIALS", proxy.redact(refused.get()), false);
        }
    }

    @Override
    public List<Quote> quote(ShipmentValidated shipment) throws CarrierException {
        throw CarrierException.unsupported(CODE, "quotes");
    }

    @Override
    public CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException {
        return book(shipment, false, null);
    }

    /** Unconfirmed shape: {@code devolucion: true} and {@code numPedidoOriginal} (see the class comment). */
    @Override
    public CarrierShipment createReturnShipment(ShipmentValidated shipment, String originalReference)
            throws CarrierException {
        return book(shipment, true, originalReference);
    }

    private CarrierShipment book(ShipmentValidated shipment, boolean isReturn, String originalReference)
            throws CarrierException {
        JsonNode answer = proxy.altaEnvios(KoikiMapper.altaEnvios(token, shipment, isReturn, originalReference));
        try {
            return KoikiMapper.shipment(answer, shipment);
        } catch (CarrierException e) {
            throw redacted(e);
        }
    }

    @Override
    public void voidShipment(String trackingNumber) throws CarrierException {
        throw CarrierException.unsupported(CODE, "cancellations (cancel the shipment in Koiki's portal)");
    }

    @Override
    public PickupConfirmation requestPickup(PickupRequest request) throws CarrierException {
        throw CarrierException.unsupported(CODE, "pickup requests (the collection date is part of the shipment)");
    }

    /** One code per {@code track/see} call. */
    @Override
    public List<TrackingUpdate> track(List<String> trackingNumbers) throws CarrierException {
        if (trackingNumbers.size() > maxTrackBatch()) {
            throw new IllegalArgumentException("Koiki tracks " + maxTrackBatch() + " number per call");
        }
        if (trackingNumbers.isEmpty()) {
            return List.of();
        }
        String number = trackingNumbers.get(0);
        JsonNode answer = proxy.trackSee(KoikiMapper.track(token, number));
        try {
            return KoikiMapper.updates(number, answer);
        } catch (CarrierException e) {
            throw redacted(e);
        }
    }

    @Override
    public List<TrackingUpdate> parseWebhook(byte[] body, Map<String, String> headers) throws CarrierException {
        throw CarrierException.unsupported(CODE, "webhooks");
    }

    @Override
    public java.util.Optional<io.waybill.carriers.spi.NormalizedStatus> normalize(String carrierCode) {
        return java.util.Optional.of(KoikiStatusCodes.status(carrierCode));
    }

    @Override
    public int maxTrackBatch() {
        return 1;
    }

    private CarrierException redacted(CarrierException e) {
        return new CarrierException(e.code(), proxy.redact(e.getMessage()), e.retryable(), e.getCause());
    }
}
