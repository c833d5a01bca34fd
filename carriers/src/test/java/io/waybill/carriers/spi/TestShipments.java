package io.waybill.carriers.spi;

import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Shipments for adapter tests; made-up people and addresses. */
public final class TestShipments {

    private TestShipments() {
    }

    public static ShipmentValidated spanish(String reference, String service) {
        Address sender = new Address("Lucía Martín Pérez", "Tienda Ejemplo SL", List.of("Calle Mayor, 12"), "Madrid",
                "Madrid", "28013", "ES", "+34 600 111 222", "tienda@example.com");
        Address recipient = new Address("Jordi Puig Serra", null, List.of("Carrer de Mallorca 401", "3º 2ª"),
                "Barcelona", "Barcelona", "08013", "ES", "+34 611 222 333", "jordi@example.com");
        List<Parcel> parcels = List.of(
                new Parcel(1200, new Dimensions(300, 200, 100), List.of(new Item("SKU-1", "Libros", 2,
                        new Money(new BigDecimal("15.00"), "EUR"), null, null))),
                new Parcel(800, new Dimensions(200, 200, 100), List.of()));
        return new ShipmentValidated("shp-es-1", "acme", reference, sender, recipient, parcels, "koiki", service, null,
                "PDF", null, OffsetDateTime.parse("2025-03-01T10:00:00+01:00"));
    }

    public static ShipmentValidated colombian(String reference, String service) {
        Address sender = new Address("Andrés Gómez", "Tienda Ejemplo SAS", List.of("Calle 10 # 43-12"), "Medellín",
                "Antioquia", "05001000", "CO", "3001112222", "tienda@example.com");
        Address recipient = new Address("Carolina Ríos", null, List.of("Carrera 7 # 71-21", "Apto 502"), "Bogotá",
                "Cundinamarca", "11001", "CO", "3102223333", "carolina@example.com");
        List<Parcel> parcels = List.of(new Parcel(2500, new Dimensions(305, 200, 150), List.of(new Item("SKU-9",
                "Zapatos", 1, new Money(new BigDecimal("120000"), "COP"), null, null))));
        return new ShipmentValidated("shp-co-1", "acme", reference, sender, recipient, parcels, "coordinadora", service,
                null, "PDF", null, OffsetDateTime.parse("2025-03-01T10:00:00-05:00"));
    }
}
