package io.waybill.fulfillment.followingpartners;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Warehouse codes no partner table knows. The step is kept and published as EXCEPTION / {@code exception.unmapped}
 * with the raw code in {@code carrierCode} (ADR 0043); here it is counted and logged. The counter is the one
 * tracking-service counts unmapped carrier codes in, {@code waybill_tracking_unmapped_codes_total{carrier,code}},
 * with the partner as carrier (as in the StatusChanged), so one dashboard and alert cover both (ADR 0096). Counted
 * once per order and code, when the step is recorded, not on every poll that repeats it.
 */
@ApplicationScoped
public class UnmappedCodes {

    private static final Logger LOG = Logger.getLogger(UnmappedCodes.class);
    static final String METRIC = "waybill.tracking.unmapped.codes";

    private final MeterRegistry registry;

    public UnmappedCodes(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String partner, String code, String shipmentId) {
        registry.counter(METRIC, "carrier", partner, "code", code == null ? "" : code).increment();
        LOG.warnf("Unmapped %s warehouse code '%s' (shipment %s): published as EXCEPTION / exception.unmapped; add it to the"
                + " %s status table", partner, code, shipmentId, partner);
    }
}
