package io.waybill.order.intake;

import java.util.Map;

/**
 * The configurable part of validation, as plain data so the validator stays pure.
 *
 * @param parcelLimits          per carrier code; {@code defaultLimits} for carriers not listed
 * @param nfeRequiredInBrazil   a domestic Brazilian shipment must carry its NF-e
 */
public record IntakeRules(Map<String, ParcelLimits> parcelLimits, ParcelLimits defaultLimits, boolean nfeRequiredInBrazil) {

    /** What one parcel may weigh and measure with a carrier (grams, millimetres). */
    public record ParcelLimits(int maxWeightGrams, int maxLengthMm, int maxLengthPlusGirthMm) {
    }

    public ParcelLimits limitsFor(String carrier) {
        return carrier == null ? defaultLimits : parcelLimits.getOrDefault(carrier, defaultLimits);
    }

    public static IntakeRules from(IntakeConfig config) {
        Map<String, ParcelLimits> perCarrier = new java.util.HashMap<>();
        config.carriers().forEach((carrier, limits) -> perCarrier.put(carrier, limits(limits)));
        return new IntakeRules(Map.copyOf(perCarrier), limits(config.defaultLimits()), config.nfeRequiredInBrazil());
    }

    private static ParcelLimits limits(IntakeConfig.Limits l) {
        return new ParcelLimits(l.maxWeightGrams(), l.maxLengthMm(), l.maxLengthPlusGirthMm());
    }

    /** Rules used where no configuration is given: 31.5 kg, 1.2 m, 3 m length + girth (common parcel-carrier limits). */
    public static IntakeRules defaults() {
        return new IntakeRules(Map.of(), new ParcelLimits(31_500, 1_200, 3_000), true);
    }
}
