package io.waybill.order.intake;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.order.shipment.ShipmentDetails;
import java.math.BigDecimal;
import java.util.List;

public final class ShipmentSamples {

    private ShipmentSamples() {
    }

    public static ShipmentDetails valid() {
        return withReference("SO-1001");
    }

    public static ShipmentDetails withReference(String reference) {
        Address sender = new Address("Almacén Central", "Acme SL", List.of("Calle de Alcalá 1"), "Madrid", "Madrid", "28014", "ES",
                "+34 910 000 000", "warehouse@acme.example");
        Address recipient = new Address("Ana Gómez", null, List.of("Carrer de Mallorca 401", "3º 2ª"), "Barcelona", "Barcelona",
                "08013", "ES", "+34 600 000 000", "ana@example.com");
        Parcel parcel = new Parcel(1250, new Dimensions(300, 200, 150),
                List.of(new Item("SKU-1", "Linen shirt", 2, new Money(new BigDecimal("29.90"), "EUR"), "620520", "PT")));
        return new ShipmentDetails(reference, sender, recipient, List.of(parcel), "sandbox", "standard", null, "PDF", null);
    }
}
