package io.waybill.contracts;

/**
 * CloudEvents {@code type} values ({@code io.waybill.<aggregate>.<event>.v<N>}).
 *
 * <p>The version is part of the type: a breaking change publishes a new {@code .v2} type next to
 * the old one, so consumers can move over at their own pace.
 */
public final class EventTypes {

    public static final String SHIPMENT_VALIDATED = "io.waybill.shipment.validated.v1";
    public static final String LABEL_GENERATED = "io.waybill.label.generated.v1";
    public static final String LABEL_FAILED = "io.waybill.label.failed.v1";
    public static final String STATUS_CHANGED = "io.waybill.shipment.status-changed.v1";
    public static final String RETURN_REGISTERED = "io.waybill.return.registered.v1";
    public static final String STOCK_ADJUSTED = "io.waybill.stock.adjusted.v1";
    public static final String SHIPMENT_CANCELLED = "io.waybill.shipment.cancelled.v1";
    public static final String RETURN_LABEL_REQUESTED = "io.waybill.return.label-requested.v1";

    /**
     * CloudEvents extension attribute carrying the tenant id ({@code ce_tenant} on Kafka), so
     * brokers and routers can filter by tenant without reading the data.
     */
    public static final String TENANT_EXTENSION = "tenant";

    private EventTypes() {
    }
}
