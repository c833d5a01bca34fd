package io.waybill.carriers.coordinadora;

import io.waybill.contracts.TrackingStatus;
import java.util.Map;

/**
 * Coordinadora's tracking codes and their normalized status. ASSUMED: Coordinadora does not publish
 * its code list ({@code Seguimiento_detallado} returns {@code estados[].codigo} and
 * {@code novedades[].codigo}); these tables follow the state names its public tracking page shows and
 * must be checked against the list the account advisor hands out. Codes not listed are
 * {@link TrackingStatus#UNMAPPED}. The raw code travels as {@code estado/<codigo>} or
 * {@code novedad/<codigo>}, so both lists can share one field.
 */
final class CoordinadoraStatusCodes {

    static final String ESTADO = "estado/";
    static final String NOVEDAD = "novedad/";

    private static final Map<String, TrackingStatus> ESTADOS = Map.ofEntries(
            Map.entry("1", TrackingStatus.INFO_RECEIVED),       // GUIA GENERADA
            Map.entry("2", TrackingStatus.IN_TRANSIT),          // RECOGIDA
            Map.entry("3", TrackingStatus.IN_TRANSIT),          // EN TERMINAL ORIGEN
            Map.entry("4", TrackingStatus.IN_TRANSIT),          // EN TRANSPORTE
            Map.entry("5", TrackingStatus.IN_TRANSIT),          // EN TERMINAL DESTINO
            Map.entry("6", TrackingStatus.OUT_FOR_DELIVERY),    // EN REPARTO
            Map.entry("7", TrackingStatus.DELIVERED),           // ENTREGADA
            Map.entry("8", TrackingStatus.RETURNING),           // EN DEVOLUCION
            Map.entry("9", TrackingStatus.RETURNED),            // DEVUELTA AL REMITENTE
            Map.entry("10", TrackingStatus.CANCELLED));         // ANULADA

    private static final Map<String, TrackingStatus> NOVEDADES = Map.ofEntries(
            Map.entry("1", TrackingStatus.DELIVERY_FAILED),     // DESTINATARIO AUSENTE
            Map.entry("2", TrackingStatus.DELIVERY_FAILED),     // DIRECCION ERRADA
            Map.entry("3", TrackingStatus.DELIVERY_FAILED),     // REHUSADO
            Map.entry("4", TrackingStatus.EXCEPTION),           // MERCANCIA AVERIADA
            Map.entry("5", TrackingStatus.EXCEPTION),           // SINIESTRO / PERDIDA
            Map.entry("6", TrackingStatus.RETURNING));          // DEVOLUCION SOLICITADA

    private CoordinadoraStatusCodes() {
    }

    static TrackingStatus estado(String code) {
        return code == null ? TrackingStatus.UNMAPPED : ESTADOS.getOrDefault(code, TrackingStatus.UNMAPPED);
    }

    static TrackingStatus novedad(String code) {
        return code == null ? TrackingStatus.UNMAPPED : NOVEDADES.getOrDefault(code, TrackingStatus.UNMAPPED);
    }
}
