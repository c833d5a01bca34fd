package io.waybill.carriers.koiki;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;

/**
 * Koiki's tracking codes ({@code code} in {@code track/see} results) and their normalized status, from
 * the versioned table {@code koiki.v<N>.properties} in this package. A code not listed there is
 * {@link NormalizedStatus#UNMAPPED}.
 */
final class KoikiStatusCodes {

    static final StatusTable TABLE = StatusTable.load(KoikiStatusCodes.class, "koiki.v1.properties");

    private KoikiStatusCodes() {
    }

    static NormalizedStatus status(String code) {
        return TABLE.normalize(code);
    }
}
