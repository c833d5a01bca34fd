package io.waybill.returns.returning;

/** Who told us that goods come back; the names are the {@code source} values of the ReturnRegistered contract. */
public enum ReturnSource {
    /** The carrier reported a return shipment. */
    CARRIER,
    /** The merchant registered the return through the API. */
    API,
    /** Derived from a RETURNING or RETURNED tracking status. */
    STATUS;

    /**
     * Carrier-reported returns (a return shipment or a return status) have one return per shipment,
     * whose id is derived from the shipment's: see {@link ReturnEvents#carrierReturnId(String)}.
     */
    public boolean carrierReported() {
        return this == CARRIER || this == STATUS;
    }
}
