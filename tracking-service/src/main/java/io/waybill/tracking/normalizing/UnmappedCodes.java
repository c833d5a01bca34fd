package io.waybill.tracking.normalizing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Carrier codes no mapping table knows. The event is kept (status EXCEPTION, sub-status
 * {@code exception.unmapped}, raw code and words in the timeline and in StatusChanged; ADR 0043); here it is counted, by carrier and code, in
 * {@code waybill_tracking_unmapped_codes_total}, and logged, so that an outdated table shows up on a dashboard.
 */
@ApplicationScoped
public class UnmappedCodes {

    private static final Logger LOG = Logger.getLogger(UnmappedCodes.class);
    public static final String METRIC = "waybill.tracking.unmapped.codes";

    private final MeterRegistry registry;

    public UnmappedCodes(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String carrier, String code, String trackingNumber) {
        registry.counter(METRIC, "carrier", carrier, "code", code == null ? "" : code).increment();
        LOG.warnf("Unmapped %s status code '%s' (tracking %s): kept as EXCEPTION / exception.unmapped; add it to the %s mapping table", carrier,
                code, trackingNumber, carrier);
    }
}
