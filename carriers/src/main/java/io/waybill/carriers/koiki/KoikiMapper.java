package io.waybill.carriers.koiki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.JsonHttp;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.Address;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates between Waybill's shipment and Koiki's JSON (field names as in Koiki's public
 * integration material: {@code altaEnvios}, {@code track/see}). Pure; no HTTP.
 */
final class KoikiMapper {

    static final String OK = "101";
    static final String ERROR = "102";

    /** Koiki's dates look like {@code 2021-07-26T09:49:37+0000}; ISO offsets are accepted too. */
    private static final DateTimeFormatter KOIKI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");
    private static final Pattern STREET_NUMBER = Pattern.compile("^(.*?)[,\\s]+(?:n[ºo°.]?\\s*)?(\\d+[A-Za-z]?)$");

    private KoikiMapper() {
    }

    /** The {@code altaEnvios} body for one shipment (one envío with {@code bultos} parcels). */
    static ObjectNode altaEnvios(String token, ShipmentValidated s, boolean isReturn, String originalReference) {
        ObjectNode body = JsonHttp.MAPPER.createObjectNode();
        body.put("token", token);
        body.put("formatoEtiqueta", "PDF"); // only PDF labels were seen; ZPL is unconfirmed
        ArrayNode envios = body.putArray("envios");
        ObjectNode e = envios.addObject();
        e.put("numPedido", s.orderReference());
        e.put("bultos", s.parcels().size());
        e.put("kilos", kilos(s.parcels()));
        e.put("tipoServicio", s.service() == null ? "" : s.service());
        e.put("reembolso", 0); // cash on delivery is not part of Waybill's shipment yet
        e.put("observaciones", "");
        party(e, "Remi", s.sender());
        party(e, "Desti", s.recipient());
        List<String> lines = s.recipient().lines();
        e.put("direccionAdicionalDesti", lines.size() > 1 ? String.join(", ", lines.subList(1, lines.size())) : "");
        if (isReturn) {
            // Unconfirmed: seen in public clients, not in Koiki's documentation.
            e.put("devolucion", true);
            e.put("numPedidoOriginal", originalReference);
        }
        return body;
    }

    /** {@code altaEnvios} with no envíos: Koiki then checks only the token (assumed; see KoikiAdapter). */
    static ObjectNode credentialCheck(String token) {
        ObjectNode body = JsonHttp.MAPPER.createObjectNode();
        body.put("token", token);
        body.put("formatoEtiqueta", "PDF");
        body.putArray("envios");
        return body;
    }

    static CarrierShipment shipment(JsonNode answer, ShipmentValidated s) throws CarrierException {
        Optional<String> refused = refusal(answer);
        if (refused.isPresent()) {
            throw new CarrierException("KOIKI_REFUSED", refused.get(), false);
        }
        JsonNode envio = answer.path("envios").path(0);
        if (ERROR.equals(envio.path("respuesta").asText())) {
            throw new CarrierException("KOIKI_REFUSED", envio.path("mensaje").asText("Koiki refused the shipment"), false);
        }
        String barcode = envio.path("codBarras").asText("");
        if (barcode.isBlank()) {
            throw new CarrierException("KOIKI_BAD_RESPONSE", "Koiki answered without a barcode (codBarras)", true);
        }
        byte[] label = null;
        String etiqueta = envio.path("etiqueta").asText("");
        if (!etiqueta.isBlank()) {
            try {
                label = Base64.getMimeDecoder().decode(etiqueta);
            } catch (IllegalArgumentException ex) {
                throw new CarrierException("KOIKI_BAD_RESPONSE", "Koiki's label (etiqueta) is not base64", false);
            }
        }
        // One barcode per envío: Koiki's bultos share it (per-parcel barcodes were not seen).
        List<String> parcels = Collections.nCopies(s.parcels().size(), barcode);
        String routing = s.recipient().country() + "-" + (s.recipient().postalCode() == null ? "" : s.recipient().postalCode());
        return new CarrierShipment(barcode, parcels, routing, label);
    }

    /** The top-level refusal message of an {@code altaEnvios} answer ({@code respuesta} 102), if any. */
    static Optional<String> refusal(JsonNode answer) {
        if (ERROR.equals(answer.path("respuesta").asText())) {
            return Optional.of(answer.path("mensaje").asText("Koiki refused the request"));
        }
        return Optional.empty();
    }

    /** The carrier's message in any Koiki error body (altaEnvios or track/see shape). */
    static Optional<String> errorMessage(JsonNode body) {
        if (body.path("error").hasNonNull("message")) {
            return Optional.of(body.path("error").path("message").asText());
        }
        if (body.hasNonNull("mensaje")) {
            return Optional.of(body.path("mensaje").asText());
        }
        return Optional.empty();
    }

    static ObjectNode track(String token, String number) {
        ObjectNode body = JsonHttp.MAPPER.createObjectNode();
        body.put("token", token);
        body.put("code", number);
        return body;
    }

    static List<TrackingUpdate> updates(String number, JsonNode answer) throws CarrierException {
        if (answer.has("error")) {
            JsonNode error = answer.path("error");
            throw new CarrierException("KOIKI_TRACK_" + error.path("code").asText("ERROR"),
                    error.path("message").asText("Koiki refused the tracking request"), false);
        }
        List<TrackingUpdate> updates = new ArrayList<>();
        for (JsonNode r : answer.path("result")) {
            String code = r.path("code").asText(null);
            updates.add(new TrackingUpdate(number, KoikiAdapter.CODE, KoikiStatusCodes.status(code), code,
                    r.path("codEstado").asText(null), null, time(r.path("date").asText("")), null));
        }
        return updates;
    }

    static OffsetDateTime time(String text) throws CarrierException {
        try {
            return OffsetDateTime.parse(text, KOIKI_TIME);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException again) {
                throw new CarrierException("KOIKI_BAD_RESPONSE", "Koiki sent an unreadable event date '" + text + "'", false);
            }
        }
    }

    private static void party(ObjectNode e, String suffix, Address a) {
        String name = a.name() == null ? "" : a.name().trim();
        int space = name.indexOf(' ');
        // Koiki wants first name and surname apart; Spanish surnames come after the first word.
        e.put("nombre" + suffix, space < 0 ? name : name.substring(0, space));
        e.put("apellido" + suffix, space < 0 ? "" : name.substring(space + 1).trim());
        String street = a.lines().isEmpty() ? "" : a.lines().get(0);
        Matcher m = STREET_NUMBER.matcher(street.trim());
        e.put("direccion" + suffix, m.matches() ? m.group(1) : street);
        e.put("numeroCalle" + suffix, m.matches() ? m.group(2) : "s/n");
        e.put("codPostal" + suffix, a.postalCode() == null ? "" : a.postalCode());
        e.put("poblacion" + suffix, a.city());
        e.put("provincia" + suffix, a.region() == null ? "" : a.region());
        e.put("pais" + suffix, a.country());
        e.put("email" + suffix, a.email() == null ? "" : a.email());
        e.put("telefono" + suffix, phone(a.phone()));
    }

    /** Koiki takes at most 9 digits: the national number, without a +34 prefix. */
    static String phone(String phone) {
        if (phone == null) {
            return "";
        }
        String digits = phone.replaceAll("\\D", "");
        return digits.length() > 9 ? digits.substring(digits.length() - 9) : digits;
    }

    private static BigDecimal kilos(List<Parcel> parcels) {
        int grams = parcels.stream().mapToInt(Parcel::weightGrams).sum();
        return BigDecimal.valueOf(grams).divide(BigDecimal.valueOf(1000), 2, RoundingMode.UP);
    }
}
