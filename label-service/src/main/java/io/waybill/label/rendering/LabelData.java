package io.waybill.label.rendering;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything printed on one 100×150 mm (4×6 in) shipping label.
 *
 * <p>This is the renderers' own input, deliberately independent of the wire contracts, so that
 * the rendering package stays framework-free and can be tested on its own.
 *
 * @param carrierName   carrier shown in the header, e.g. "SEUR"
 * @param serviceName   carrier service, e.g. "Express 24h"
 * @param trackingNumber carrier tracking number, encoded as Code 128; letters, digits and
 *                      {@code - . / +} only (see {@link #TRACKING_NUMBER})
 * @param routingCode   short sort/routing code printed large, e.g. "MAD-28 / 28001"
 * @param sender        the FROM party
 * @param recipient     the TO party
 * @param weightGrams   parcel weight in grams, printed in kg with one decimal
 * @param orderReference merchant order reference
 * @param parcelNumber  1-based index of this parcel within the shipment
 * @param parcelCount   number of parcels in the shipment
 * @param shipDate      date of shipment
 */
public record LabelData(
        String carrierName,
        String serviceName,
        String trackingNumber,
        String routingCode,
        Party sender,
        Party recipient,
        int weightGrams,
        String orderReference,
        int parcelNumber,
        int parcelCount,
        LocalDate shipDate) {

    /**
     * Characters allowed in a tracking number. Real carrier tracking numbers are alphanumeric;
     * the few punctuation marks allowed here are safe both in Code 128 (subset B) and in ZPL
     * {@code ^BC} field data, where {@code ^ ~ >} and {@code _} (with {@code ^FH}) have special
     * meanings.
     */
    public static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./+-]{0,47}");

    public LabelData {
        requireText(carrierName, "carrierName");
        requireText(serviceName, "serviceName");
        requireText(trackingNumber, "trackingNumber");
        if (!TRACKING_NUMBER.matcher(trackingNumber).matches()) {
            throw new IllegalArgumentException(
                    "trackingNumber must be 1-48 characters of letters, digits, '-', '.', '/' or '+': "
                            + trackingNumber);
        }
        requireText(routingCode, "routingCode");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        if (weightGrams < 0) {
            throw new IllegalArgumentException("weightGrams must not be negative: " + weightGrams);
        }
        requireText(orderReference, "orderReference");
        if (parcelCount < 1 || parcelNumber < 1 || parcelNumber > parcelCount) {
            throw new IllegalArgumentException(
                    "parcel " + parcelNumber + " of " + parcelCount + " is not a valid parcel position");
        }
        Objects.requireNonNull(shipDate, "shipDate");
    }

    /**
     * A sender or recipient.
     *
     * @param name         person or contact name
     * @param company      company name, or {@code null}
     * @param addressLines street lines (at least one, no nulls)
     * @param postalCode   postal code (may be empty for countries without one)
     * @param city         city
     * @param country      ISO 3166-1 alpha-2 country code, normalised to upper case
     */
    public record Party(
            String name,
            String company,
            List<String> addressLines,
            String postalCode,
            String city,
            String country) {

        private static final Pattern ISO2 = Pattern.compile("[A-Z]{2}");

        public Party {
            requireText(name, "name");
            if (company != null && company.isBlank()) {
                company = null;
            }
            Objects.requireNonNull(addressLines, "addressLines");
            addressLines = List.copyOf(addressLines);
            if (addressLines.isEmpty()) {
                throw new IllegalArgumentException("addressLines must contain at least one line");
            }
            Objects.requireNonNull(postalCode, "postalCode");
            requireText(city, "city");
            requireText(country, "country");
            country = country.strip().toUpperCase(Locale.ROOT);
            if (!ISO2.matcher(country).matches()) {
                throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code: " + country);
            }
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
