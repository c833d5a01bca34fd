package io.waybill.order.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.order.platform.Problem.Violation;
import io.waybill.order.shipment.ShipmentDetails;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShipmentValidatorTest {

    @Test
    void aCompleteShipmentHasNoViolations() {
        assertThat(ShipmentValidator.validate(ShipmentSamples.valid())).isEmpty();
    }

    @Test
    void everyViolationIsListedAtOnce() {
        ShipmentDetails valid = ShipmentSamples.valid();
        Address badRecipient = new Address("", null, List.of(), "Paris", null, "750", "FRA", "abc", "not-an-email");
        Parcel badParcel = new Parcel(0, new Dimensions(10, -1, 10),
                List.of(new Item("", "Shirt", 0, new Money(new BigDecimal("-1"), "eur"), null, null)));
        ShipmentDetails bad = new ShipmentDetails(" ", valid.sender(), badRecipient, List.of(badParcel), null, "standard",
                "RANDOM", "PNG", null);

        assertThat(ShipmentValidator.validate(bad)).extracting(Violation::field).containsExactlyInAnyOrder(
                "orderReference", "recipient.name", "recipient.lines", "recipient.country", "recipient.email",
                "recipient.phone", "carrier", "selectionRule", "labelFormat", "parcels[0].weightGrams",
                "parcels[0].dimensions.widthMm", "parcels[0].items[0].sku", "parcels[0].items[0].quantity",
                "parcels[0].items[0].unitValue.amount", "parcels[0].items[0].unitValue.currency");
    }

    @Test
    void aSelectionRuleStandsInForTheCarrierService() {
        ShipmentDetails v = ShipmentSamples.valid();
        ShipmentDetails anyCarrier = new ShipmentDetails(v.orderReference(), v.sender(), v.recipient(), v.parcels(), null, null,
                "CHEAPEST", "PDF", null);
        ShipmentDetails oneCarrier = new ShipmentDetails(v.orderReference(), v.sender(), v.recipient(), v.parcels(), "sandbox",
                null, "FASTEST", "PDF", null);
        ShipmentDetails serviceAlone = new ShipmentDetails(v.orderReference(), v.sender(), v.recipient(), v.parcels(), null,
                "standard", "FASTEST", "PDF", null);
        ShipmentDetails neither = new ShipmentDetails(v.orderReference(), v.sender(), v.recipient(), v.parcels(), null, null,
                null, "PDF", null);
        assertThat(ShipmentValidator.validate(anyCarrier)).isEmpty();
        assertThat(ShipmentValidator.validate(oneCarrier)).isEmpty();
        assertThat(ShipmentValidator.validate(serviceAlone)).extracting(Violation::field).containsExactly("carrier");
        assertThat(ShipmentValidator.validate(neither)).extracting(Violation::field).containsExactly("carrier", "service");
    }

    @Test
    void postalCodesFollowTheCountry() {
        for (String[] wrong : new String[][] {{"ES", "99999"}, {"BR", "1234"}, {"PT", "1000"}, {"SE", "1234"}, {"GB", "123 ABC"},
                {"US", "1234"}, {"DE", "1234"}, {"CO", "11001"}, {"FR", "7500"}}) {
            assertThat(ShipmentValidator.validate(withRecipientPostalCode(wrong[0], wrong[1])))
                    .as("%s %s", wrong[0], wrong[1]).extracting(Violation::field).containsExactly("recipient.postalCode");
        }
        for (String[] right : new String[][] {{"ES", "08013"}, {"BR", "01310-100"}, {"PT", "1000-001"}, {"SE", "411 01"},
                {"GB", "SW1A 1AA"}, {"US", "10001-1234"}, {"DE", "10115"}, {"CO", "110111"}, {"FR", "75001"}}) {
            assertThat(ShipmentValidator.validate(withRecipientPostalCode(right[0], right[1]))).as("%s %s", right[0], right[1])
                    .isEmpty();
        }
    }

    private static ShipmentDetails withRecipientPostalCode(String country, String postalCode) {
        ShipmentDetails v = ShipmentSamples.valid();
        Address r = v.recipient();
        Address recipient = new Address(r.name(), r.company(), r.lines(), r.city(), r.region(), postalCode, country, r.phone(),
                r.email());
        return new ShipmentDetails(v.orderReference(), v.sender(), recipient, v.parcels(), v.carrier(), v.service(),
                v.selectionRule(), v.labelFormat(), v.fiscalDocument());
    }

    static final java.time.LocalDate TODAY = java.time.LocalDate.parse("2026-11-25");
    /** The access key of the example NF-e in SEFAZ's integration manual (check digit 3). */
    static final String MANUAL_KEY = "35080599999090910270550010000000015180051273";

    @Test
    void aDomesticBrazilianShipmentNeedsAValidNfeWhenConfigured() {
        ShipmentDetails noNfe = between("BR", "01310-100", "BR", "20040-002", null);
        assertThat(ShipmentValidator.validate(noNfe, IntakeRules.defaults(), TODAY)).extracting(Violation::field)
                .containsExactly("fiscalDocument");
        IntakeRules relaxed = new IntakeRules(java.util.Map.of(), IntakeRules.defaults().defaultLimits(), false);
        assertThat(ShipmentValidator.validate(noNfe, relaxed, TODAY)).isEmpty();

        var valid = new io.waybill.contracts.FiscalDocument("NFE", "1", "1", MANUAL_KEY, TODAY.minusDays(1));
        assertThat(ShipmentValidator.validate(between("BR", "01310-100", "BR", "20040-002", valid), IntakeRules.defaults(), TODAY))
                .isEmpty();

        String wrongDigit = MANUAL_KEY.substring(0, 43) + "4";
        var bad = new io.waybill.contracts.FiscalDocument("NFE", "12345678901", "ABCD", wrongDigit, TODAY.plusDays(1));
        assertThat(ShipmentValidator.validate(between("BR", "01310-100", "BR", "20040-002", bad), IntakeRules.defaults(), TODAY))
                .extracting(Violation::field, Violation::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("fiscalDocument.number", "must be 1 to 9 digits"),
                        org.assertj.core.groups.Tuple.tuple("fiscalDocument.series", "must be 1 to 3 digits"),
                        org.assertj.core.groups.Tuple.tuple("fiscalDocument.issueDate", "cannot be in the future"),
                        org.assertj.core.groups.Tuple.tuple("fiscalDocument.accessKey", "has a wrong check digit"));
        var shortKey = new io.waybill.contracts.FiscalDocument("NFE", "1", null, "1234", TODAY);
        assertThat(ShipmentValidator.validate(between("BR", "01310-100", "BR", "20040-002", shortKey), IntakeRules.defaults(),
                TODAY)).extracting(Violation::field).containsExactly("fiscalDocument.accessKey");
    }

    @Test
    void nfeCheckDigitFollowsModulo11() {
        assertThat(NfeAccessKey.checkDigitValid(MANUAL_KEY)).isTrue();
        for (int digit = 0; digit <= 9; digit++) {
            String key = MANUAL_KEY.substring(0, 43) + digit;
            assertThat(NfeAccessKey.checkDigitValid(key)).as("check digit %d", digit).isEqualTo(digit == 3);
        }
    }

    @Test
    void parcelLimitsComeFromTheCarriersConfiguration() {
        IntakeRules rules = new IntakeRules(java.util.Map.of("sandbox", new IntakeRules.ParcelLimits(30_000, 1_500, 3_000)),
                new IntakeRules.ParcelLimits(10_000, 600, 1_500), true);
        ShipmentDetails heavy = withParcel(new Parcel(30_001, new Dimensions(1_600, 200, 200), List.of()), "sandbox");
        assertThat(ShipmentValidator.validate(heavy, rules, TODAY)).extracting(Violation::field)
                .containsExactly("parcels[0].weightGrams", "parcels[0].dimensions");
        ShipmentDetails bulky = withParcel(new Parcel(5_000, new Dimensions(1_000, 600, 600), List.of()), "sandbox");
        assertThat(ShipmentValidator.validate(bulky, rules, TODAY)).extracting(Violation::message)
                .containsExactly("length plus girth is 3400 mm, over the 3000 mm sandbox takes");
        ShipmentDetails sameParcelOtherCarrier = withParcel(new Parcel(12_000, new Dimensions(300, 200, 100), List.of()),
                "koiki");
        assertThat(ShipmentValidator.validate(sameParcelOtherCarrier, rules, TODAY)).extracting(Violation::field)
                .containsExactly("parcels[0].weightGrams");
        assertThat(ShipmentValidator.validate(withParcel(new Parcel(9_000, new Dimensions(300, 200, 100), List.of()), "koiki"),
                rules, TODAY)).isEmpty();
    }

    @Test
    void customsDataIsRequiredWhenTheShipmentLeavesItsCustomsUnion() {
        Item bare = new Item("SKU-1", "Linen shirt", 2, null, null, null);
        Item declared = new Item("SKU-1", "Linen shirt", 2, new Money(new BigDecimal("29.90"), "EUR"), "620520", "PT");
        assertThat(ShipmentValidator.validate(customs("ES", "FR", "75001", bare), IntakeRules.defaults(), TODAY)).isEmpty();
        for (String[] outside : new String[][] {{"US", "10001"}, {"GB", "SW1A 1AA"}, {"CO", "110111"}}) {
            assertThat(ShipmentValidator.validate(customs("ES", outside[0], outside[1], bare), IntakeRules.defaults(), TODAY))
                    .as("ES to %s", outside[0]).extracting(Violation::field).containsExactlyInAnyOrder(
                            "parcels[0].items[0].unitValue", "parcels[0].items[0].hsCode", "parcels[0].items[0].originCountry");
            assertThat(ShipmentValidator.validate(customs("ES", outside[0], outside[1], declared), IntakeRules.defaults(), TODAY))
                    .isEmpty();
        }
        Item malformed = new Item("SKU-1", "Linen shirt", 2, new Money(new BigDecimal("1"), "EUR"), "62.05", "XX");
        assertThat(ShipmentValidator.validate(customs("ES", "US", "10001", malformed), IntakeRules.defaults(), TODAY))
                .extracting(Violation::field).containsExactlyInAnyOrder("parcels[0].items[0].hsCode",
                        "parcels[0].items[0].originCountry");
        ShipmentDetails empty = customs("ES", "US", "10001", null);
        assertThat(ShipmentValidator.validate(empty, IntakeRules.defaults(), TODAY)).extracting(Violation::field)
                .containsExactly("parcels[0].items");
    }

    @Test
    void addressesHaveAtMostFourLinesOfBoundedText() {
        ShipmentDetails v = ShipmentSamples.valid();
        Address r = v.recipient();
        Address fiveLines = new Address(r.name(), null, List.of("a", "b", "c", "d", "e"), r.city(), null, r.postalCode(),
                r.country(), null, null);
        Address longName = new Address("x".repeat(201), null, r.lines(), r.city(), null, r.postalCode(), r.country(), null, null);
        assertThat(ShipmentValidator.validate(withRecipient(fiveLines))).extracting(Violation::field)
                .containsExactly("recipient.lines");
        assertThat(ShipmentValidator.validate(withRecipient(longName))).extracting(Violation::field)
                .containsExactly("recipient.name");
    }

    private static ShipmentDetails between(String from, String fromPostal, String to, String toPostal,
            io.waybill.contracts.FiscalDocument nfe) {
        ShipmentDetails v = ShipmentSamples.valid();
        Address s = v.sender();
        Address r = v.recipient();
        return new ShipmentDetails(v.orderReference(),
                new Address(s.name(), s.company(), s.lines(), s.city(), null, fromPostal, from, null, null),
                new Address(r.name(), null, r.lines(), r.city(), null, toPostal, to, null, null),
                v.parcels(), v.carrier(), v.service(), null, "PDF", nfe);
    }

    private static ShipmentDetails customs(String from, String to, String toPostal, Item item) {
        ShipmentDetails base = between(from, "28014", to, toPostal, null);
        Parcel parcel = new Parcel(1000, new Dimensions(300, 200, 100), item == null ? List.of() : List.of(item));
        return new ShipmentDetails(base.orderReference(), base.sender(), base.recipient(), List.of(parcel), base.carrier(),
                base.service(), null, "PDF", null);
    }

    private static ShipmentDetails withParcel(Parcel parcel, String carrier) {
        ShipmentDetails v = ShipmentSamples.valid();
        return new ShipmentDetails(v.orderReference(), v.sender(), v.recipient(), List.of(parcel), carrier, v.service(), null,
                "PDF", null);
    }

    private static ShipmentDetails withRecipient(Address recipient) {
        ShipmentDetails v = ShipmentSamples.valid();
        return new ShipmentDetails(v.orderReference(), v.sender(), recipient, v.parcels(), v.carrier(), v.service(), null,
                "PDF", null);
    }
}
