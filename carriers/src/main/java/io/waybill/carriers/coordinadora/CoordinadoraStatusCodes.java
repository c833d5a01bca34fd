package io.waybill.carriers.coordinadora;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;

/**
 * Coordinadora's tracking codes and their normalized status, from the versioned table
 * {@code coordinadora.v<N>.properties} in this package (ASSUMED codes: see the file). The raw code
 * travels as {@code estado/<codigo>} or {@code novedad/<codigo>}, so both lists share one field and one
 * table. Codes not listed are {@link NormalizedStatus#UNMAPPED}.
 */
final class CoordinadoraStatusCodes {

    static final String ESTADO = "estado/";
    static final String NOVEDAD = "novedad/";
    static final StatusTable TABLE = StatusTable.load(CoordinadoraStatusCodes.class, "coordinadora.v1.properties");

    private CoordinadoraStatusCodes() {
    }

    /** A raw code as it travels ({@code estado/7}, {@code novedad/1}). */
    static NormalizedStatus status(String carrierCode) {
        return TABLE.normalize(carrierCode);
    }
}
