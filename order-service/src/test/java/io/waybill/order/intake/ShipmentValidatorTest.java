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
}
