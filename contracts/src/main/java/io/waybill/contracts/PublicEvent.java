package io.waybill.contracts;

/**
 * An integration event Waybill publishes to Kafka (v1 of the public contract).
 *
 * <p>Sealed so that adding an event is a compile error wherever events are switched on
 * ({@link PublicEventType#of(PublicEvent)}, mappers, tests) until it is handled. These records are
 * not the services' stored events: services map their private history onto them, so internals
 * can change while this contract stays put. Within v1 only additive changes are allowed; a
 * breaking change is a new {@code .v2} type and schema.
 */
public sealed interface PublicEvent
        permits ShipmentValidated, LabelGenerated, LabelFailed, StatusChanged, ReturnRegistered,
                StockAdjusted, ShipmentCancelled, ReturnLabelRequested {

    /** The Kafka record key and the CloudEvents {@code subject}: one shipment's events stay in order. */
    String shipmentId();

    /** Carried in the CloudEvents {@code tenant} extension as well, so routers need not parse data. */
    String tenantId();
}
