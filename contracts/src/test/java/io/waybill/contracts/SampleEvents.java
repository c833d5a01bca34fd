package io.waybill.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Fixed, realistic samples of every public event. Fixed (no {@code now()}) so the approved
 * snapshots stay stable; the switches are exhaustive, so a new event type does not compile until
 * it has samples here.
 */
final class SampleEvents {

    static final String SHIPMENT_ID = "shp_01JDQ8Z5X4M2N7P3R6S9T0V1W2";
    static final String TENANT_ID = "tenant-acme";
    static final String RETURN_ID = "ret_01JDR2K7M9P4Q6S8T1V3W5X7Y9";

    private SampleEvents() {
    }

    /** Every field set, nullable ones included: a Brazilian shipment with an NF-e. */
    static PublicEvent full(PublicEventType type) {
        return switch (type) {
            case SHIPMENT_VALIDATED -> new ShipmentValidated(
                    SHIPMENT_ID, TENANT_ID, "PO-2026-000123",
                    saoPauloWarehouse(), rioCustomer(),
                    List.of(
                            new Parcel(1250, new Dimensions(300, 200, 150), List.of(
                                    new Item("SKU-TSHIRT-M-BLUE", "Camiseta algodão azul M", 3,
                                            brl("49.90"), "61091000", "BR"))),
                            new Parcel(2400, new Dimensions(400, 300, 200), List.of(
                                    new Item("SKU-SNEAKER-42", "Tênis de corrida 42", 1,
                                            brl("329.00"), "64041100", "CN")))),
                    "sandbox", "express", "CHEAPEST", "PDF", nfe(),
                    at("2026-11-25T10:15:30-03:00"), new Fulfillment("ongoing", "wh-sao-paulo-01"));
            case LABEL_GENERATED -> new LabelGenerated(
                    SHIPMENT_ID, TENANT_ID, "sandbox", "express", "SBX000123456789BR",
                    List.of(new ParcelLabel(1, "SBX000123456789BR"),
                            new ParcelLabel(2, "SBX000123456790BR")),
                    List.of("PDF", "ZPL"), nfe(),
                    at("2026-11-25T10:15:42.318-03:00"), "lbl_01JDQ8ZB2K4M6N8P0R2S4T6V8X",
                    brl("38.40"), RETURN_ID);
            case LABEL_FAILED -> new LabelFailed(
                    SHIPMENT_ID, TENANT_ID, "coordinadora", "CARRIER_UNAVAILABLE",
                    "Coordinadora answered 503 Service Unavailable", true,
                    at("2026-11-25T10:15:41-05:00"), RETURN_ID);
            case STATUS_CHANGED -> new StatusChanged(
                    SHIPMENT_ID, TENANT_ID, "73940012345", "coordinadora",
                    TrackingStatus.DELIVERED, TrackingStatus.OUT_FOR_DELIVERY,
                    "ENTREGADA", "Envío entregado al destinatario", "Medellín, Antioquia",
                    "WEBHOOK", false,
                    at("2026-11-25T10:15:30-05:00"), at("2026-11-25T15:15:31.204Z"),
                    at("2026-11-25T18:00:00-05:00"), RETURN_ID, "delivered.front_door");
            case RETURN_REGISTERED -> new ReturnRegistered(
                    RETURN_ID, SHIPMENT_ID, TENANT_ID, "API", "Tamanho errado",
                    List.of(new ReturnItem("SKU-TSHIRT-M-BLUE", 2)),
                    "SBX000998877665BR", at("2026-12-02T09:00:00-03:00"));
            case STOCK_ADJUSTED -> new StockAdjusted(
                    "adj_01JDR3A1B2C3D4E5F6G7H8J9K0", TENANT_ID, SHIPMENT_ID, RETURN_ID,
                    "wh-sao-paulo-01", "SKU-TSHIRT-M-BLUE", 2, "RETURN_RESTOCKED",
                    at("2026-12-04T14:30:00-03:00"));
            case SHIPMENT_CANCELLED -> new ShipmentCancelled(
                    SHIPMENT_ID, TENANT_ID, "PO-2026-000123",
                    "Cliente desistiu da compra (cancelled by erp-acme)",
                    at("2026-11-25T11:02:17.845-03:00"));
            case RETURN_LABEL_REQUESTED -> new ReturnLabelRequested(
                    RETURN_ID, SHIPMENT_ID, TENANT_ID, "sandbox", "return",
                    rioCustomer(), saoPauloWarehouse(),
                    List.of(new Parcel(1250, new Dimensions(300, 200, 150), List.of(
                            new Item("SKU-TSHIRT-M-BLUE", "Camiseta algodão azul M", 2,
                                    brl("49.90"), "61091000", "BR")))),
                    "PDF", "RMA-2026-0042", at("2026-12-02T09:00:00-03:00"));
            case STOCK_LEVEL_REPORTED -> new StockLevelReported(
                    "stk_01JDR5C3D4E5F6G7H8J9K0M1N2", TENANT_ID, "ongoing", "wh-sao-paulo-01",
                    List.of(new StockLevel("SKU-TSHIRT-M-BLUE", 120, 97, 23),
                            new StockLevel("SKU-SNEAKER-42", 8, 8, 0)),
                    at("2026-12-04T06:00:00-03:00"));
        };
    }

    /** Every nullable field null (and optional value fields absent): a domestic Colombian case. */
    static PublicEvent minimal(PublicEventType type) {
        return switch (type) {
            case SHIPMENT_VALIDATED -> new ShipmentValidated(
                    SHIPMENT_ID, TENANT_ID, "PED-88412",
                    new Address("Tienda Aurora", null, List.of("Calle 93 # 11-27"), "Bogotá",
                            null, null, "CO", null, null),
                    new Address("Camila Rodríguez", null,
                            List.of("Carrera 43A # 1 Sur-100", "Torre 2, Apto 1204"), "Medellín",
                            null, null, "CO", null, null),
                    List.of(new Parcel(800, new Dimensions(250, 180, 100), List.of(
                            new Item("SKU-MUG-01", "Taza cerámica", 2, null, null, null)))),
                    "coordinadora", "mensajeria", null, "ZPL", null,
                    at("2026-11-25T10:15:30-05:00"));
            case LABEL_GENERATED -> new LabelGenerated(
                    SHIPMENT_ID, TENANT_ID, "coordinadora", "mensajeria", "73940012345",
                    List.of(new ParcelLabel(1, "73940012345")), List.of("ZPL"), null,
                    at("2026-11-25T10:15:44-05:00"));
            case LABEL_FAILED -> new LabelFailed(
                    SHIPMENT_ID, TENANT_ID, "sandbox", "INVALID_POSTAL_CODE",
                    "Postal code 99999-999 is not served", false,
                    at("2026-11-25T10:15:41-03:00"));
            case STATUS_CHANGED -> new StatusChanged(
                    SHIPMENT_ID, TENANT_ID, "73940012345", "coordinadora",
                    TrackingStatus.CUSTOMS, null, "NOVEDAD-77", "", null, "POLL", false,
                    at("2026-11-25T07:02:00-05:00"), at("2026-11-25T12:05:00Z"));
            case RETURN_REGISTERED -> new ReturnRegistered(
                    RETURN_ID, SHIPMENT_ID, TENANT_ID, "STATUS", "Carrier reported RETURNED",
                    List.of(new ReturnItem("SKU-MUG-01", 2)), null,
                    at("2026-12-01T16:20:00-05:00"));
            case STOCK_ADJUSTED -> new StockAdjusted(
                    "adj_01JDR4Z9Y8X7W6V5T4S3R2Q1P0", TENANT_ID, SHIPMENT_ID, RETURN_ID,
                    "wh-bogota-01", "SKU-MUG-01", -1, "RETURN_DAMAGED_WRITE_OFF",
                    at("2026-12-03T11:00:00-05:00"));
            // Nothing is nullable: every field is required, so the minimal sample sets them all.
            case SHIPMENT_CANCELLED -> new ShipmentCancelled(
                    SHIPMENT_ID, TENANT_ID, "PED-88412", "cancelled by erp-aurora",
                    at("2026-11-25T10:40:00-05:00"));
            case RETURN_LABEL_REQUESTED -> new ReturnLabelRequested(
                    RETURN_ID, SHIPMENT_ID, TENANT_ID, "coordinadora", null,
                    new Address("Camila Rodríguez", null, List.of("Carrera 43A # 1 Sur-100"),
                            "Medellín", null, null, "CO", null, null),
                    new Address("Tienda Aurora", null, List.of("Calle 93 # 11-27"), "Bogotá",
                            null, null, "CO", null, null),
                    List.of(new Parcel(800, new Dimensions(250, 180, 100), List.of(
                            new Item("SKU-MUG-01", "Taza cerámica", 1, null, null, null)))),
                    "ZPL", RETURN_ID, at("2026-12-02T08:30:00-05:00"));
            case STOCK_LEVEL_REPORTED -> new StockLevelReported(
                    "stk_01JDR6P7Q8R9S0T1V2W3X4Y5Z6", TENANT_ID, "file-drop", "wh-bogota-01",
                    List.of(new StockLevel("SKU-MUG-01", 0, null, null)),
                    at("2026-12-04T06:00:00-05:00"));
        };
    }

    private static Address saoPauloWarehouse() {
        return new Address("Marina Souza", "Acme Comércio Ltda",
                List.of("Rua Augusta, 1508", "Conjunto 42 - Consolação"), "São Paulo", "SP",
                "01304-001", "BR", "+55 11 3061-2000", "expedicao@acme.com.br");
    }

    private static Address rioCustomer() {
        return new Address("João Pereira", "Pereira & Filhos",
                List.of("Avenida Atlântica, 1702", "Apto 801 - Copacabana"), "Rio de Janeiro",
                "RJ", "22021-001", "BR", "+55 21 98765-4321", "joao.pereira@example.com.br");
    }

    private static FiscalDocument nfe() {
        // cUF 35, 2026-11, CNPJ, model 55, series 001, number 1234, emission 1, code, check digit.
        return new FiscalDocument("NFE", "1234", "1",
                "35261112345678000195550010000012341000012345", LocalDate.of(2026, 11, 25));
    }

    private static Money brl(String amount) {
        return new Money(new BigDecimal(amount), "BRL");
    }

    private static OffsetDateTime at(String iso) {
        return OffsetDateTime.parse(iso);
    }
}
