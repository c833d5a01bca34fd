package io.waybill.carriers.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.JsonHttp;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.carriers.spi.Quote;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.TrackingStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The built-in sandbox carrier: no network, deterministic. Tracking numbers derive from the shipment
 * id (the same shipment always gets the same number, so a retried booking cannot buy a second label),
 * in UPU S10 shape {@code SB} + 8 digits + check digit + {@code WB}. An order reference starting with
 * {@code FAIL-} simulates a carrier refusal, so the failure path can be exercised end to end.
 * Voiding keeps no state either: it always succeeds, also for unknown or already voided numbers.
 *
 * <p>Tracking plays a whole lifecycle chosen by the number's serial (see {@link #scenario}): most
 * parcels are delivered, some after a failed attempt, some go back to the sender. Events are spaced
 * six hours apart and end at the current hour of the clock; while a parcel is on its way each event
 * carries a simulated estimated delivery (the lifecycle's last hour). Webhooks are the sandbox's own JSON,
 * {@code {"events":[{"number","code","occurredAt","location"}]}}, unsigned (nothing leaves the machine).
 */
public class SandboxAdapter implements CarrierAdapter {

    static final String CODE = "sandbox";
    private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private final Clock clock;

    public SandboxAdapter() {
        this(Clock.systemUTC());
    }

    public SandboxAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public void verifyCredentials() {
        // No credentials: every account is fine.
    }

    /**
     * Two services with a deterministic tariff: {@code standard} 4.90 EUR plus 0.80 per started kg,
     * 3 days; {@code express} 1.8 times that, 1 day.
     */
    @Override
    public List<Quote> quote(ShipmentValidated shipment) {
        int grams = shipment.parcels().stream().mapToInt(Parcel::weightGrams).sum();
        BigDecimal kilos = BigDecimal.valueOf((grams + 999) / 1000);
        BigDecimal standard = new BigDecimal("4.90").add(new BigDecimal("0.80").multiply(kilos));
        BigDecimal express = standard.multiply(new BigDecimal("1.8")).setScale(2, RoundingMode.HALF_UP);
        return List.of(new Quote(code(), "standard", new Money(standard, "EUR"), 3),
                new Quote(code(), "express", new Money(express, "EUR"), 1));
    }

    @Override
    public CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException {
        if (shipment.orderReference().startsWith("FAIL-")) {
            throw new CarrierException("SANDBOX_REFUSED", "The sandbox carrier refuses references starting with FAIL-", false);
        }
        List<String> parcels = new ArrayList<>();
        for (int n = 1; n <= shipment.parcels().size(); n++) {
            parcels.add(s10(shipment.shipmentId() + "#" + n));
        }
        String routing = shipment.recipient().country() + "-" + postalPrefix(shipment.recipient().postalCode());
        Money cost = quote(shipment).stream().filter(q -> q.service().equals(shipment.service())).findFirst()
                .map(Quote::price).orElse(null);
        return new CarrierShipment(parcels.get(0), parcels, routing, null, cost);
    }

    /** Numbers derive from the shipment id, so booking the same shipment again returns the same booking. */
    @Override
    public boolean honoursIdempotencyKey() {
        return true;
    }

    /** Like a shipment, numbered from the return's own shipment id (so it differs from the outbound one). */
    @Override
    public CarrierShipment createReturnShipment(ShipmentValidated shipment, String originalReference)
            throws CarrierException {
        return createShipment(shipment);
    }

    @Override
    public void voidShipment(String trackingNumber) throws CarrierException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new CarrierException("SANDBOX_NO_TRACKING_NUMBER",
                    "The sandbox carrier cannot void a booking without a tracking number", false);
        }
        // Nothing to call: the sandbox books nothing anywhere, so every (even unknown) number voids fine.
    }

    /** Confirms any pickup from today on; the confirmation number derives from the request. */
    @Override
    public PickupConfirmation requestPickup(PickupRequest request) throws CarrierException {
        if (request.date().isBefore(LocalDate.now(clock))) {
            throw new CarrierException("SANDBOX_PICKUP_IN_PAST", "The sandbox carrier cannot collect on a past date", false);
        }
        String seed = request.date() + "|" + request.address().postalCode() + "|" + String.join(",", request.trackingNumbers());
        String number = "SBP" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 8).toUpperCase(Locale.ROOT);
        return new PickupConfirmation(code(), number, request.date(), request.readyFrom(), request.readyUntil());
    }

    @Override
    public List<TrackingUpdate> track(List<String> trackingNumbers) {
        if (trackingNumbers.size() > maxTrackBatch()) {
            throw new IllegalArgumentException("at most " + maxTrackBatch() + " numbers per call");
        }
        OffsetDateTime end = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        List<TrackingUpdate> updates = new ArrayList<>();
        for (String number : trackingNumbers) {
            List<String> codes = scenario(number);
            // The simulated promise: the lifecycle's last hour while the parcel is on its way (three days out
            // for a number only announced); none once it is delivered or returned.
            OffsetDateTime promised = codes.size() == 1 ? end.plusDays(3) : end;
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                OffsetDateTime at = end.minusHours(6L * (codes.size() - 1 - i));
                TrackingUpdate update = update(number, code, i == 0 ? "Origin" : "Hub " + number.substring(2, 4), at);
                updates.add(update.status().isFinal() || update.status() == TrackingStatus.RETURNING ? update
                        : withEstimate(update, promised));
            }
        }
        return updates;
    }

    /**
     * The lifecycle of a sandbox number, by the last digit of its serial: 0–6 delivered, 7–8 delivered
     * after a failed attempt, 9 returned to the sender after two failed attempts. Other numbers are announced only.
     */
    static List<String> scenario(String number) {
        if (number == null || !number.matches("SB\\d{9}WB")) {
            return List.of(SandboxStatusCodes.ANNOUNCED);
        }
        int last = number.charAt(9) - '0';
        List<String> codes = new ArrayList<>(List.of(SandboxStatusCodes.ANNOUNCED, SandboxStatusCodes.PICKED_UP,
                SandboxStatusCodes.IN_HUB, SandboxStatusCodes.OUT_FOR_DELIVERY));
        if (last <= 6) {
            codes.add(SandboxStatusCodes.DELIVERED);
        } else if (last <= 8) {
            codes.addAll(List.of(SandboxStatusCodes.NOBODY_HOME, SandboxStatusCodes.OUT_FOR_DELIVERY,
                    SandboxStatusCodes.DELIVERED));
        } else {
            codes.addAll(List.of(SandboxStatusCodes.NOBODY_HOME, SandboxStatusCodes.OUT_FOR_DELIVERY,
                    SandboxStatusCodes.NOBODY_HOME, SandboxStatusCodes.RETURNING, SandboxStatusCodes.RETURNED));
        }
        return codes;
    }

    @Override
    public List<TrackingUpdate> parseWebhook(byte[] body, Map<String, String> headers) throws CarrierException {
        JsonNode root;
        try {
            root = JsonHttp.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new CarrierException("SANDBOX_BAD_WEBHOOK", "The sandbox webhook body is not JSON", false, e);
        }
        List<TrackingUpdate> updates = new ArrayList<>();
        for (JsonNode event : root.path("events")) {
            String number = event.path("number").asText(null);
            String code = event.path("code").asText(null);
            String at = event.path("occurredAt").asText(null);
            if (number == null || code == null || at == null) {
                throw new CarrierException("SANDBOX_BAD_WEBHOOK", "A sandbox webhook event needs number, code and occurredAt", false);
            }
            try {
                updates.add(update(number, code, event.path("location").asText(null), OffsetDateTime.parse(at)));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CarrierException("SANDBOX_BAD_WEBHOOK", "occurredAt is not an ISO date-time with offset", false, e);
            }
        }
        return updates;
    }

    @Override
    public java.util.Optional<io.waybill.carriers.spi.NormalizedStatus> normalize(String carrierCode) {
        return java.util.Optional.of(SandboxStatusCodes.status(carrierCode));
    }

    @Override
    public int maxTrackBatch() {
        return 100;
    }

    private TrackingUpdate update(String number, String code, String location, OffsetDateTime at) {
        return new TrackingUpdate(number, code(), SandboxStatusCodes.status(code), code,
                SandboxStatusCodes.description(code), location, at, null);
    }

    private static TrackingUpdate withEstimate(TrackingUpdate u, OffsetDateTime estimatedDelivery) {
        return new TrackingUpdate(u.trackingNumber(), u.carrier(), u.status(), u.carrierCode(), u.description(), u.location(),
                u.occurredAt(), estimatedDelivery, u.subStatus());
    }

    static String s10(String seed) {
        long bits = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() & Long.MAX_VALUE;
        String serial = String.format("%08d", bits % 100_000_000L);
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (serial.charAt(i) - '0') * S10_WEIGHTS[i];
        }
        int check = 11 - (sum % 11);
        check = check == 10 ? 0 : check == 11 ? 5 : check;
        return "SB" + serial + check + "WB";
    }

    private static String postalPrefix(String postalCode) {
        if (postalCode == null || postalCode.isBlank()) {
            return "000";
        }
        String compact = postalCode.replaceAll("[^A-Za-z0-9]", "");
        return compact.substring(0, Math.min(3, compact.length())).toUpperCase(Locale.ROOT);
    }
}
