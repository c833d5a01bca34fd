package io.waybill.order.intake;

import io.waybill.contracts.Address;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.order.platform.Problem.Violation;
import io.waybill.order.shipment.ShipmentDetails;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a shipment request and lists every violation at once, so the ERP fixes all of them in one go.
 * Pure: no I/O, unit-tested without Quarkus.
 */
public final class ShipmentValidator {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{6,20}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Set<String> LABEL_FORMATS = Set.of("PDF", "ZPL");
    private static final Set<String> SELECTION_RULES = Set.of("CHEAPEST", "FASTEST");
    /** Postal-code shapes of the countries Waybill's carriers serve first. */
    private static final Map<String, Pattern> POSTAL_CODES = Map.of(
            "ES", Pattern.compile("^(0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$"),
            "CO", Pattern.compile("^[0-9]{6}$"),
            "BR", Pattern.compile("^[0-9]{5}-?[0-9]{3}$"),
            "FR", Pattern.compile("^[0-9]{5}$"),
            "SE", Pattern.compile("^[0-9]{3} ?[0-9]{2}$"),
            "PT", Pattern.compile("^[0-9]{4}-[0-9]{3}$"),
            "US", Pattern.compile("^[0-9]{5}(-[0-9]{4})?$"),
            "DE", Pattern.compile("^[0-9]{5}$"),
            "GB", Pattern.compile("^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$",
                    Pattern.CASE_INSENSITIVE));

    private ShipmentValidator() {
    }

    /** Member states of the EU customs union: goods move between them without customs declarations. */
    private static final Set<String> EU_CUSTOMS_UNION = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "MC");
    private static final Pattern HS_CODE = Pattern.compile("^[0-9]{6,10}$");
    private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");
    private static final int MAX_TEXT = 200;

    public static List<Violation> validate(ShipmentDetails shipment) {
        return validate(shipment, IntakeRules.defaults(), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    public static List<Violation> validate(ShipmentDetails shipment, IntakeRules rules, java.time.LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        if (shipment == null) {
            violations.add(new Violation("$", "a shipment body is required"));
            return violations;
        }
        required(violations, "orderReference", shipment.orderReference());
        address(violations, "sender", shipment.sender());
        address(violations, "recipient", shipment.recipient());
        // Either the carrier service is named, or a selection rule lets label-service choose from quotes
        // (among all carriers, or among the named carrier's services).
        if (shipment.selectionRule() != null && !SELECTION_RULES.contains(shipment.selectionRule())) {
            violations.add(new Violation("selectionRule", "must be one of " + SELECTION_RULES));
        }
        if (!SELECTION_RULES.contains(String.valueOf(shipment.selectionRule()))) {
            required(violations, "carrier", shipment.carrier());
            required(violations, "service", shipment.service());
        } else if (shipment.service() != null && shipment.carrier() == null) {
            violations.add(new Violation("carrier", "is required when a service is named"));
        }
        if (shipment.labelFormat() != null && !LABEL_FORMATS.contains(shipment.labelFormat())) {
            violations.add(new Violation("labelFormat", "must be PDF or ZPL"));
        }
        boolean customs = crossesCustomsBorder(shipment);
        IntakeRules.ParcelLimits limits = rules.limitsFor(shipment.carrier());
        if (shipment.parcels() == null || shipment.parcels().isEmpty()) {
            violations.add(new Violation("parcels", "at least one parcel is required"));
        } else {
            for (int i = 0; i < shipment.parcels().size(); i++) {
                parcel(violations, "parcels[" + i + "]", shipment.parcels().get(i), limits, shipment.carrier(), customs);
            }
        }
        fiscalDocument(violations, shipment, rules, today);
        return violations;
    }

    /** Both countries known and in different customs territories (the EU is one; every other country its own). */
    static boolean crossesCustomsBorder(ShipmentDetails shipment) {
        if (shipment.sender() == null || shipment.recipient() == null) {
            return false;
        }
        String from = shipment.sender().country();
        String to = shipment.recipient().country();
        if (from == null || to == null || !COUNTRIES.contains(from) || !COUNTRIES.contains(to)) {
            return false;
        }
        return !territory(from).equals(territory(to));
    }

    private static String territory(String country) {
        return EU_CUSTOMS_UNION.contains(country) ? "EU" : country;
    }

    private static void fiscalDocument(List<Violation> violations, ShipmentDetails shipment, IntakeRules rules,
            java.time.LocalDate today) {
        io.waybill.contracts.FiscalDocument document = shipment.fiscalDocument();
        boolean domesticBrazil = shipment.sender() != null && shipment.recipient() != null
                && "BR".equals(shipment.sender().country()) && "BR".equals(shipment.recipient().country());
        if (document == null) {
            if (domesticBrazil && rules.nfeRequiredInBrazil()) {
                violations.add(new Violation("fiscalDocument", "an NF-e is required for shipments within Brazil"));
            }
            return;
        }
        if (!"NFE".equals(document.type())) {
            violations.add(new Violation("fiscalDocument.type", "must be NFE (Brazil's electronic invoice)"));
            return;
        }
        if (blank(document.number()) || !DIGITS.matcher(document.number()).matches() || document.number().length() > 9) {
            violations.add(new Violation("fiscalDocument.number", "must be 1 to 9 digits"));
        }
        if (document.series() != null && (!DIGITS.matcher(document.series()).matches() || document.series().length() > 3)) {
            violations.add(new Violation("fiscalDocument.series", "must be 1 to 3 digits"));
        }
        if (document.issueDate() == null) {
            violations.add(new Violation("fiscalDocument.issueDate", "is required"));
        } else if (document.issueDate().isAfter(today)) {
            violations.add(new Violation("fiscalDocument.issueDate", "cannot be in the future"));
        }
        String key = document.accessKey();
        if (key == null || !key.matches("^[0-9]{44}$")) {
            violations.add(new Violation("fiscalDocument.accessKey", "must be the 44-digit NF-e access key"));
        } else if (!NfeAccessKey.checkDigitValid(key)) {
            violations.add(new Violation("fiscalDocument.accessKey", "has a wrong check digit"));
        }
    }

    private static void address(List<Violation> violations, String field, Address address) {
        if (address == null) {
            violations.add(new Violation(field, "is required"));
            return;
        }
        required(violations, field + ".name", address.name());
        if (address.lines() == null || address.lines().isEmpty() || address.lines().stream().allMatch(ShipmentValidator::blank)) {
            violations.add(new Violation(field + ".lines", "at least one address line is required"));
        } else if (address.lines().size() > 4) {
            violations.add(new Violation(field + ".lines", "at most 4 address lines"));
        } else if (address.lines().stream().anyMatch(line -> line == null || line.length() > MAX_TEXT)) {
            violations.add(new Violation(field + ".lines", "each line must be text of at most " + MAX_TEXT + " characters"));
        }
        required(violations, field + ".city", address.city());
        String country = address.country();
        if (blank(country)) {
            violations.add(new Violation(field + ".country", "is required"));
        } else if (!COUNTRIES.contains(country)) {
            violations.add(new Violation(field + ".country", "must be an ISO 3166-1 alpha-2 code such as ES or CO"));
        } else {
            Pattern postalCode = POSTAL_CODES.get(country);
            if (postalCode != null && (blank(address.postalCode()) || !postalCode.matcher(address.postalCode().trim()).matches())) {
                violations.add(new Violation(field + ".postalCode", "is not a valid postal code for " + country));
            }
        }
        if (address.email() != null && !EMAIL.matcher(address.email()).matches()) {
            violations.add(new Violation(field + ".email", "is not an e-mail address"));
        }
        if (address.phone() != null && !PHONE.matcher(address.phone()).matches()) {
            violations.add(new Violation(field + ".phone", "is not a phone number"));
        }
    }

    private static void parcel(List<Violation> violations, String field, Parcel parcel, IntakeRules.ParcelLimits limits,
            String carrier, boolean customs) {
        if (parcel == null) {
            violations.add(new Violation(field, "is required"));
            return;
        }
        if (parcel.weightGrams() <= 0) {
            violations.add(new Violation(field + ".weightGrams", "must be a positive number of grams"));
        } else if (parcel.weightGrams() > limits.maxWeightGrams()) {
            violations.add(new Violation(field + ".weightGrams", "exceeds " + limits.maxWeightGrams() + " g, the most "
                    + (carrier == null ? "a carrier" : carrier) + " takes per parcel"));
        }
        if (parcel.dimensions() == null) {
            violations.add(new Violation(field + ".dimensions", "are required"));
        } else {
            if (parcel.dimensions().lengthMm() <= 0) {
                violations.add(new Violation(field + ".dimensions.lengthMm", "must be a positive number of millimetres"));
            }
            if (parcel.dimensions().widthMm() <= 0) {
                violations.add(new Violation(field + ".dimensions.widthMm", "must be a positive number of millimetres"));
            }
            if (parcel.dimensions().heightMm() <= 0) {
                violations.add(new Violation(field + ".dimensions.heightMm", "must be a positive number of millimetres"));
            }
            dimensionLimits(violations, field, parcel, limits, carrier);
        }
        if (parcel.items() == null || parcel.items().isEmpty()) {
            if (customs) {
                violations.add(new Violation(field + ".items", "the contents are required for customs"));
            }
        } else {
            for (int i = 0; i < parcel.items().size(); i++) {
                item(violations, field + ".items[" + i + "]", parcel.items().get(i), customs);
            }
        }
    }

    private static void dimensionLimits(List<Violation> violations, String field, Parcel parcel,
            IntakeRules.ParcelLimits limits, String carrier) {
        int[] sides = {parcel.dimensions().lengthMm(), parcel.dimensions().widthMm(), parcel.dimensions().heightMm()};
        java.util.Arrays.sort(sides);
        if (sides[0] <= 0) {
            return;
        }
        String who = carrier == null ? "a carrier" : carrier;
        if (sides[2] > limits.maxLengthMm()) {
            violations.add(new Violation(field + ".dimensions", "the longest side exceeds " + limits.maxLengthMm()
                    + " mm, the most " + who + " takes"));
        }
        long lengthPlusGirth = sides[2] + 2L * (sides[0] + sides[1]);
        if (lengthPlusGirth > limits.maxLengthPlusGirthMm()) {
            violations.add(new Violation(field + ".dimensions", "length plus girth is " + lengthPlusGirth + " mm, over the "
                    + limits.maxLengthPlusGirthMm() + " mm " + who + " takes"));
        }
    }

    private static void item(List<Violation> violations, String field, Item item, boolean customs) {
        if (item == null) {
            violations.add(new Violation(field, "is required"));
            return;
        }
        required(violations, field + ".sku", item.sku());
        required(violations, field + ".description", item.description());
        if (item.quantity() <= 0) {
            violations.add(new Violation(field + ".quantity", "must be positive"));
        }
        if (item.unitValue() != null) {
            if (item.unitValue().amount() == null || item.unitValue().amount().compareTo(BigDecimal.ZERO) < 0) {
                violations.add(new Violation(field + ".unitValue.amount", "must be zero or more"));
            }
            if (item.unitValue().currency() == null || !CURRENCY.matcher(item.unitValue().currency()).matches()) {
                violations.add(new Violation(field + ".unitValue.currency", "must be an ISO 4217 code such as EUR"));
            }
        } else if (customs) {
            violations.add(new Violation(field + ".unitValue", "the value is required for customs"));
        }
        if (item.hsCode() != null && !HS_CODE.matcher(item.hsCode()).matches()) {
            violations.add(new Violation(field + ".hsCode", "must be a 6 to 10 digit HS code"));
        } else if (item.hsCode() == null && customs) {
            violations.add(new Violation(field + ".hsCode", "the HS code is required for customs"));
        }
        if (item.originCountry() != null && !COUNTRIES.contains(item.originCountry())) {
            violations.add(new Violation(field + ".originCountry", "must be an ISO 3166-1 alpha-2 code"));
        } else if (item.originCountry() == null && customs) {
            violations.add(new Violation(field + ".originCountry", "the country of origin is required for customs"));
        }
    }

    private static void required(List<Violation> violations, String field, String value) {
        if (blank(value)) {
            violations.add(new Violation(field, "is required"));
        } else if (value.length() > MAX_TEXT) {
            violations.add(new Violation(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
