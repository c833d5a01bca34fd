package io.waybill.carriers.coordinadora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.JsonHttp;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.carriers.spi.Quote;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.Address;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Translates between Waybill's shipment and the {@code p} structures of Coordinadora's operations
 * (field names as in its SOAP documentation: {@code Guias_generarGuia}, {@code Guias_anularGuia},
 * {@code Cotizador_cotizar}, {@code Seguimiento_detallado}, {@code Recogidas_programar}). Pure; no HTTP.
 * Units (assumed, not documented): dimensions in centimetres, weights in kilograms, money in COP.
 */
final class CoordinadoraMapper {

    /** Colombia has one offset and no daylight saving time; Coordinadora's dates and times are local. */
    static final ZoneOffset COLOMBIA = ZoneOffset.ofHours(-5);

    private CoordinadoraMapper() {
    }

    /** {@code clave}: the SHA-256 of the password, in lower-case hex. */
    static String clave(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    static ObjectNode generarGuia(CoordinadoraSettings cfg, ShipmentValidated s, int level) throws CarrierException {
        CoordinadoraAgreement agreement = cfg.agreements().get(0);
        ObjectNode p = JsonHttp.MAPPER.createObjectNode();
        p.put("codigo_remision", ""); // Coordinadora numbers the guide
        p.put("fecha", "");
        p.put("id_cliente", agreement.clientId());
        p.put("id_remitente", 0);
        p.put("nit_remitente", cfg.nit());
        p.put("nombre_remitente", name(s.sender()));
        p.put("direccion_remitente", String.join(", ", s.sender().lines()));
        p.put("telefono_remitente", nullToEmpty(s.sender().phone()));
        p.put("ciudad_remitente", dane(s.sender(), "sender"));
        p.put("nit_destinatario", "");
        p.put("div_destinatario", "");
        p.put("nombre_destinatario", name(s.recipient()));
        p.put("direccion_destinatario", String.join(", ", s.recipient().lines()));
        p.put("ciudad_destinatario", dane(s.recipient(), "recipient"));
        p.put("telefono_destinatario", nullToEmpty(s.recipient().phone()));
        p.put("valor_declarado", declaredValue(s.parcels()));
        p.put("codigo_cuenta", cfg.accountCode());
        p.put("codigo_producto", cfg.productCode());
        p.put("nivel_servicio", level);
        p.put("contenido", contents(s.parcels()));
        p.put("referencia", s.orderReference());
        p.put("observaciones", "");
        p.put("estado", "IMPRESO");
        ArrayNode detalle = p.putArray("detalle");
        for (int n = 1; n <= s.parcels().size(); n++) {
            ObjectNode item = detalle.addObject();
            parcel(item, s.parcels().get(n - 1));
            item.put("referencia", s.orderReference() + "-" + n);
            item.put("nombre_empaque", "");
        }
        p.putArray("recaudos"); // cash on delivery is not part of Waybill's shipment yet
        p.put("id_rotulo", 0);
        p.put("formato_impresion", "");
        p.putObject("atributos_retorno"); // assumed optional: the return-label attributes are not public
        p.put("usuario", cfg.user());
        p.put("clave", cfg.clave());
        return p;
    }

    static CarrierShipment shipment(JsonNode result, ShipmentValidated s) throws CarrierException {
        String number = result.path("codigo_remision").asText("");
        if (number.isBlank()) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora answered without codigo_remision", true);
        }
        byte[] label = null;
        String pdf = result.path("pdf_guia").asText("");
        if (!pdf.isBlank()) {
            try {
                label = Base64.getMimeDecoder().decode(pdf);
            } catch (IllegalArgumentException e) {
                throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora's pdf_guia is not base64", false);
            }
        }
        // One guide per shipment: the units share its number.
        return new CarrierShipment(number, Collections.nCopies(s.parcels().size(), number),
                "CO-" + dane(s.recipient(), "recipient"), label);
    }

    static ObjectNode anularGuia(CoordinadoraSettings cfg, String number) {
        ObjectNode p = JsonHttp.MAPPER.createObjectNode();
        p.put("codigo_remision", number);
        p.put("usuario", cfg.user());
        p.put("clave", cfg.clave());
        return p;
    }

    static ObjectNode cotizar(CoordinadoraSettings cfg, ShipmentValidated s, int level) throws CarrierException {
        CoordinadoraAgreement agreement = cfg.agreements().get(0);
        ObjectNode p = JsonHttp.MAPPER.createObjectNode();
        p.put("nit", cfg.nit());
        p.put("div", agreement.division());
        p.put("cuenta", cfg.accountCode());
        p.put("producto", cfg.productCode());
        p.put("origen", dane(s.sender(), "sender"));
        p.put("destino", dane(s.recipient(), "recipient"));
        p.put("valoracion", declaredValue(s.parcels()));
        p.putArray("nivel_servicio").add(level);
        ArrayNode items = p.putObject("detalle").putArray("item");
        for (Parcel parcel : s.parcels()) {
            parcel(items.addObject(), parcel);
        }
        p.put("apikey", cfg.apiKey());
        p.put("clave", cfg.agsClave());
        return p;
    }

    static Quote quote(JsonNode result, String service) throws CarrierException {
        if (!result.hasNonNull("flete_total")) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora's quote has no flete_total", true);
        }
        BigDecimal total;
        try {
            total = new BigDecimal(result.path("flete_total").asText());
        } catch (NumberFormatException e) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora's flete_total is not a number", true);
        }
        int days = result.path("dias_entrega").asInt(0);
        return new Quote(CoordinadoraAdapter.CODE, service, new Money(total, "COP"), days);
    }

    static ObjectNode seguimiento(CoordinadoraSettings cfg, String number) {
        ObjectNode p = JsonHttp.MAPPER.createObjectNode();
        p.put("codigo_remision", number);
        p.put("nit", cfg.nit());
        p.put("div", cfg.agreements().get(0).division());
        p.put("referencia", "");
        p.put("imagen", 0);
        p.put("anexo", 0);
        p.put("apikey", cfg.apiKey());
        p.put("clave", cfg.agsClave());
        return p;
    }

    /** {@code estados} and {@code novedades} as one list, oldest first. */
    static List<TrackingUpdate> updates(String number, JsonNode result) throws CarrierException {
        List<TrackingUpdate> updates = new ArrayList<>();
        for (JsonNode e : result.path("estados")) {
            String code = e.path("codigo").asText(null);
            updates.add(update(number, CoordinadoraStatusCodes.ESTADO + code, e));
        }
        for (JsonNode n : result.path("novedades")) {
            String code = n.path("codigo").asText(null);
            updates.add(update(number, CoordinadoraStatusCodes.NOVEDAD + code, n));
        }
        updates.sort(Comparator.comparing(TrackingUpdate::occurredAt));
        return updates;
    }

    /**
     * ASSUMED request of {@code Recogidas_programar} (its fields are not public): who, where, when and
     * what to collect, plus {@code apikey}/{@code clave}. Answer: {@code id_recogida}.
     */
    static ObjectNode programarRecogida(CoordinadoraSettings cfg, PickupRequest r) throws CarrierException {
        ObjectNode p = JsonHttp.MAPPER.createObjectNode();
        p.put("nit", cfg.nit());
        p.put("div", cfg.agreements().get(0).division());
        p.put("id_cliente", cfg.agreements().get(0).clientId());
        p.put("fecha_recogida", r.date().toString());
        p.put("hora_inicial", r.readyFrom().toString());
        p.put("hora_final", r.readyUntil().toString());
        p.put("nombre_contacto", name(r.address()));
        p.put("telefono", nullToEmpty(r.address().phone()));
        p.put("direccion", String.join(", ", r.address().lines()));
        p.put("ciudad", dane(r.address(), "pickup"));
        p.put("unidades", r.parcels());
        p.put("peso", kilos(r.totalWeightGrams()));
        ArrayNode guias = p.putArray("guias");
        r.trackingNumbers().forEach(guias::add);
        p.put("referencia", nullToEmpty(r.reference()));
        p.put("observaciones", nullToEmpty(r.notes()));
        p.put("apikey", cfg.apiKey());
        p.put("clave", cfg.agsClave());
        return p;
    }

    static PickupConfirmation pickup(JsonNode result, PickupRequest r) throws CarrierException {
        String id = result.isValueNode() ? result.asText("") : result.path("id_recogida").asText("");
        if (id.isBlank()) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora confirmed no pickup (id_recogida)", true);
        }
        return new PickupConfirmation(CoordinadoraAdapter.CODE, id, r.date(), r.readyFrom(), r.readyUntil());
    }

    /**
     * ASSUMED webhook payload (Coordinadora's "Sistema de Eventos" is set up by the account advisor and
     * its payload is not public): {@code {codigo_remision, eventos:[{codigo, descripcion, fecha, hora,
     * ciudad, tipo:"estado"|"novedad"}]}}, the same words as {@code Seguimiento_detallado}.
     */
    static List<TrackingUpdate> webhook(JsonNode root) throws CarrierException {
        String number = root.path("codigo_remision").asText("");
        if (number.isBlank()) {
            throw new CarrierException("COORDINADORA_BAD_WEBHOOK", "The webhook has no codigo_remision", false);
        }
        List<TrackingUpdate> updates = new ArrayList<>();
        for (JsonNode e : root.path("eventos")) {
            String code = e.path("codigo").asText(null);
            boolean novedad = "novedad".equals(e.path("tipo").asText());
            updates.add(update(number, (novedad ? CoordinadoraStatusCodes.NOVEDAD : CoordinadoraStatusCodes.ESTADO) + code, e));
        }
        updates.sort(Comparator.comparing(TrackingUpdate::occurredAt));
        return updates;
    }

    /**
     * The error a JSON-RPC answer carries: the {@code error} member (JSON-RPC 2.0), or an {@code error}
     * field inside {@code result} (Coordinadora answers some failures with HTTP 200). Server-side JSON-RPC
     * codes (-32603, -32000..-32099) are retryable; the others are refusals.
     */
    static Optional<CarrierException> error(JsonNode answer) {
        JsonNode error = answer.path("error");
        if (error.isMissingNode() || error.isNull()) {
            error = answer.path("result").path("error");
        }
        if (error.isMissingNode() || error.isNull() || (error.isBoolean() && !error.asBoolean())) {
            return Optional.empty();
        }
        if (error.isTextual()) {
            return Optional.of(new CarrierException("COORDINADORA_REFUSED", error.asText(), false));
        }
        int code = error.path("code").asInt(0);
        String message = error.path("message").asText("Coordinadora refused the request");
        boolean retryable = code == -32603 || (code <= -32000 && code >= -32099);
        return Optional.of(new CarrierException("COORDINADORA_" + (code == 0 ? "REFUSED" : "RPC_" + code), message, retryable));
    }

    static Optional<String> errorMessage(JsonNode body) {
        return error(body).map(Throwable::getMessage);
    }

    /** A code the carrier did not give ({@code estado/null}) is unmapped like any unknown one. */
    private static TrackingUpdate update(String number, String carrierCode, JsonNode e) throws CarrierException {
        return new TrackingUpdate(number, CoordinadoraAdapter.CODE, CoordinadoraStatusCodes.status(carrierCode), carrierCode,
                e.path("descripcion").asText(null), e.path("ciudad").asText(null),
                time(e.path("fecha").asText(""), e.path("hora").asText("")), null);
    }

    static OffsetDateTime time(String fecha, String hora) throws CarrierException {
        try {
            LocalTime time = hora.isBlank() ? LocalTime.MIDNIGHT : LocalTime.parse(hora);
            return OffsetDateTime.of(LocalDateTime.of(LocalDate.parse(fecha), time), COLOMBIA);
        } catch (DateTimeParseException e) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE",
                    "Coordinadora sent an unreadable event time '" + fecha + " " + hora + "'", false);
        }
    }

    /**
     * The 8-digit DANE city code Coordinadora routes by. Waybill addresses carry it in
     * {@code postalCode} (8 digits, or the 5-digit municipality code, completed with {@code 000}).
     */
    static String dane(Address a, String role) throws CarrierException {
        String code = a.postalCode() == null ? "" : a.postalCode().replaceAll("\\s", "");
        if (code.matches("\\d{8}")) {
            return code;
        }
        if (code.matches("\\d{5}")) {
            return code + "000";
        }
        throw new CarrierException("COORDINADORA_CITY_CODE", "Coordinadora needs the " + role
                + " city's 8-digit DANE code in postalCode (e.g. 05001000 for Medellín)", false);
    }

    private static void parcel(ObjectNode item, Parcel parcel) {
        Dimensions d = parcel.dimensions();
        item.put("ubl", 0);
        item.put("alto", d == null ? 0 : cm(d.heightMm()));
        item.put("ancho", d == null ? 0 : cm(d.widthMm()));
        item.put("largo", d == null ? 0 : cm(d.lengthMm()));
        item.put("peso", kilos(parcel.weightGrams()));
        item.put("unidades", 1);
    }

    private static int cm(int mm) {
        return (mm + 9) / 10;
    }

    private static BigDecimal kilos(int grams) {
        return BigDecimal.valueOf(grams).divide(BigDecimal.valueOf(1000), 2, RoundingMode.UP);
    }

    private static BigDecimal declaredValue(List<Parcel> parcels) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Parcel parcel : parcels) {
            for (Item item : parcel.items()) {
                if (item.unitValue() != null && "COP".equals(item.unitValue().currency())) {
                    sum = sum.add(item.unitValue().amount().multiply(BigDecimal.valueOf(item.quantity())));
                }
            }
        }
        return sum;
    }

    private static String contents(List<Parcel> parcels) {
        List<String> words = parcels.stream().flatMap(p -> p.items().stream()).map(Item::description)
                .filter(d -> d != null && !d.isBlank()).distinct().limit(5).toList();
        return words.isEmpty() ? "MERCANCIA" : String.join(", ", words);
    }

    private static String name(Address a) {
        return a.company() == null || a.company().isBlank() ? a.name() : a.company() + " - " + a.name();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
