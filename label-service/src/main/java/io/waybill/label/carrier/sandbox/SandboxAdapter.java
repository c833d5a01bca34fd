package io.waybill.label.carrier.sandbox;

import io.waybill.contracts.ShipmentValidated;
import io.waybill.label.carrier.CarrierAdapter;
import io.waybill.label.carrier.CarrierException;
import io.waybill.label.carrier.CarrierShipment;
import io.waybill.label.carrier.Quote;
import io.waybill.contracts.Money;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The built-in sandbox carrier: no network, deterministic. Tracking numbers derive from the shipment
 * id (the same shipment always gets the same number, so a retried booking cannot buy a second label),
 * in UPU S10 shape {@code SB} + 8 digits + check digit + {@code WB}. An order reference starting with
 * {@code FAIL-} simulates a carrier refusal, so the failure path can be exercised end to end.
 * Voiding keeps no state either: it always succeeds, also for unknown or already voided numbers.
 */
@ApplicationScoped
public class SandboxAdapter implements CarrierAdapter {

    private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    @Override
    public String code() {
        return "sandbox";
    }

    /**
     * Two services with a deterministic tariff: {@code standard} 4.90 EUR plus 0.80 per started kg,
     * 3 days; {@code express} 1.8 times that, 1 day.
     */
    @Override
    public List<Quote> quote(ShipmentValidated shipment) {
        int grams = shipment.parcels().stream().mapToInt(io.waybill.contracts.Parcel::weightGrams).sum();
        java.math.BigDecimal kilos = java.math.BigDecimal.valueOf((grams + 999) / 1000);
        java.math.BigDecimal standard = new java.math.BigDecimal("4.90").add(new java.math.BigDecimal("0.80").multiply(kilos));
        java.math.BigDecimal express = standard.multiply(new java.math.BigDecimal("1.8"))
                .setScale(2, java.math.RoundingMode.HALF_UP);
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
        return new CarrierShipment(parcels.get(0), parcels, routing, null);
    }

    @Override
    public void voidShipment(String trackingNumber) throws CarrierException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new CarrierException("SANDBOX_NO_TRACKING_NUMBER",
                    "The sandbox carrier cannot void a booking without a tracking number", false);
        }
        // Nothing to call: the sandbox books nothing anywhere, so every (even unknown) number voids fine.
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
        return compact.substring(0, Math.min(3, compact.length())).toUpperCase(java.util.Locale.ROOT);
    }
}
