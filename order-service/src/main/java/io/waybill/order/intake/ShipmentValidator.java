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

    public static List<Violation> validate(ShipmentDetails shipment) {
        List<Violation> violations = new ArrayList<>();
        if (shipment == null) {
            violations.add(new Violation("$", "a shipment body is required"));
            return violations;
        }
        required(violations, "orderReference", shipment.orderReference());
        address(violations, "sender", shipment.sender());
        address(violations, "recipient", shipment.recipient());
        required(violations, "carrier", shipment.carrier());
        required(violations, "service", shipment.service());
        if (shipment.selectionRule() != null && !SELECTION_RULES.contains(shipment.selectionRule())) {
            violations.add(new Violation("selectionRule", "must be one of " + SELECTION_RULES));
        }
        if (shipment.labelFormat() != null && !LABEL_FORMATS.contains(shipment.labelFormat())) {
            violations.add(new Violation("labelFormat", "must be PDF or ZPL"));
        }
        if (shipment.parcels() == null || shipment.parcels().isEmpty()) {
            violations.add(new Violation("parcels", "at least one parcel is required"));
        } else {
            for (int i = 0; i < shipment.parcels().size(); i++) {
                parcel(violations, "parcels[" + i + "]", shipment.parcels().get(i));
            }
        }
        return violations;
    }

    private static void address(List<Violation> violations, String field, Address address) {
        if (address == null) {
            violations.add(new Violation(field, "is required"));
            return;
        }
        required(violations, field + ".name", address.name());
        if (address.lines() == null || address.lines().isEmpty() || address.lines().stream().allMatch(ShipmentValidator::blank)) {
            violations.add(new Violation(field + ".lines", "at least one address line is required"));
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

    private static void parcel(List<Violation> violations, String field, Parcel parcel) {
        if (parcel == null) {
            violations.add(new Violation(field, "is required"));
            return;
        }
        if (parcel.weightGrams() <= 0) {
            violations.add(new Violation(field + ".weightGrams", "must be a positive number of grams"));
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
        }
        if (parcel.items() != null) {
            for (int i = 0; i < parcel.items().size(); i++) {
                item(violations, field + ".items[" + i + "]", parcel.items().get(i));
            }
        }
    }

    private static void item(List<Violation> violations, String field, Item item) {
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
        }
    }

    private static void required(List<Violation> violations, String field, String value) {
        if (blank(value)) {
            violations.add(new Violation(field, "is required"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
