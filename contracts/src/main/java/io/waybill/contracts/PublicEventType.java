package io.waybill.contracts;

import java.util.Optional;

/**
 * The catalog of public events: for each, its record, topic, CloudEvents type and JSON Schema.
 *
 * <p>One place to look up how an event travels, so producers, consumers and tests cannot disagree.
 */
public enum PublicEventType {
    SHIPMENT_VALIDATED(ShipmentValidated.class, Topics.SHIPMENT_VALIDATED,
            EventTypes.SHIPMENT_VALIDATED, "shipment-validated"),
    LABEL_GENERATED(LabelGenerated.class, Topics.LABEL_GENERATED,
            EventTypes.LABEL_GENERATED, "label-generated"),
    LABEL_FAILED(LabelFailed.class, Topics.LABEL_FAILED,
            EventTypes.LABEL_FAILED, "label-failed"),
    STATUS_CHANGED(StatusChanged.class, Topics.STATUS_CHANGED,
            EventTypes.STATUS_CHANGED, "status-changed"),
    RETURN_REGISTERED(ReturnRegistered.class, Topics.RETURN_REGISTERED,
            EventTypes.RETURN_REGISTERED, "return-registered"),
    STOCK_ADJUSTED(StockAdjusted.class, Topics.STOCK_ADJUSTED,
            EventTypes.STOCK_ADJUSTED, "stock-adjusted"),
    SHIPMENT_CANCELLED(ShipmentCancelled.class, Topics.SHIPMENT_CANCELLED,
            EventTypes.SHIPMENT_CANCELLED, "shipment-cancelled"),
    RETURN_LABEL_REQUESTED(ReturnLabelRequested.class, Topics.RETURN_LABEL_REQUESTED,
            EventTypes.RETURN_LABEL_REQUESTED, "return-label-requested");

    private final Class<? extends PublicEvent> eventClass;
    private final String topic;
    private final String cloudEventType;
    private final String schemaName;

    PublicEventType(Class<? extends PublicEvent> eventClass, String topic, String cloudEventType,
            String schemaName) {
        this.eventClass = eventClass;
        this.topic = topic;
        this.cloudEventType = cloudEventType;
        this.schemaName = schemaName;
    }

    public Class<? extends PublicEvent> eventClass() {
        return eventClass;
    }

    public String topic() {
        return topic;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    /** The schema's base name, e.g. {@code shipment-validated.v1}. */
    public String schemaName() {
        return schemaName + ".v1";
    }

    /** Classpath resource of the event's JSON Schema, e.g. {@code schemas/shipment-validated.v1.json}. */
    public String schemaResource() {
        return "schemas/" + schemaName() + ".json";
    }

    /** Exhaustive over the sealed interface: a new event does not compile until it is catalogued. */
    public static PublicEventType of(PublicEvent event) {
        return switch (event) {
            case ShipmentValidated e -> SHIPMENT_VALIDATED;
            case LabelGenerated e -> LABEL_GENERATED;
            case LabelFailed e -> LABEL_FAILED;
            case StatusChanged e -> STATUS_CHANGED;
            case ReturnRegistered e -> RETURN_REGISTERED;
            case StockAdjusted e -> STOCK_ADJUSTED;
            case ShipmentCancelled e -> SHIPMENT_CANCELLED;
            case ReturnLabelRequested e -> RETURN_LABEL_REQUESTED;
        };
    }

    /** Empty for unknown types (e.g. a future {@code .v2}): consumers decide whether to skip or park. */
    public static Optional<PublicEventType> byCloudEventType(String cloudEventType) {
        for (PublicEventType type : values()) {
            if (type.cloudEventType.equals(cloudEventType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
