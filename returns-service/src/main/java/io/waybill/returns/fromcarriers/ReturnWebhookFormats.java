package io.waybill.returns.fromcarriers;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.returns.returning.CarrierReport.Stage;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The carriers' return webhook bodies (pure). Neither shape is published by the carrier; both are
 * ASSUMED and isolated here so that a documented one replaces them in one place.
 *
 * <p>sandbox (Waybill's simulated carrier; its own codes):
 * {@code {"trackingNumber": outbound, "returnTrackingNumber"?, "code": RETURN_REGISTERED|RETURN_IN_TRANSIT|
 * RETURN_DELIVERED, "reason"?, "occurredAt": ISO-8601 with offset}}.
 *
 * <p>koiki (ASSUMED, unconfirmed: modelled on Koiki's documented altaEnvios and tracking shapes, see
 * shared CARRIERS.md: a return is an altaEnvios with {@code devolucion} and {@code numPedidoOriginal};
 * tracking answers {@code code} and {@code date} like {@code 2021-07-26T09:49:37+0000}):
 * {@code {"codBarras": return barcode, "codBarrasOriginal": outbound barcode, "numPedidoOriginal"?,
 * "devolucion": true, "code": Koiki status code, "codEstado"?: its words, "motivo"?, "date"}}. Codes:
 * 100 pending arrival → registered; 102, 103, 114 (at Koiki, notified, arranged) → in transit; 108
 * delivered → received; any other code moves nothing.
 */
public final class ReturnWebhookFormats {

    /** The carriers whose return webhooks are read. */
    public static final Set<String> CARRIERS = Set.of("sandbox", "koiki");

    static final Map<String, Stage> SANDBOX_CODES = Map.of(
            "RETURN_REGISTERED", Stage.REGISTERED,
            "RETURN_IN_TRANSIT", Stage.IN_TRANSIT,
            "RETURN_DELIVERED", Stage.RECEIVED);

    static final Map<String, Stage> KOIKI_CODES = Map.of(
            "100", Stage.REGISTERED,
            "102", Stage.IN_TRANSIT,
            "103", Stage.IN_TRANSIT,
            "114", Stage.IN_TRANSIT,
            "108", Stage.RECEIVED);

    private static final DateTimeFormatter KOIKI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private ReturnWebhookFormats() {
    }

    /** A body that does not fit the carrier's format; {@code violations} names each wrong field. */
    public static final class MalformedReturnWebhook extends Exception {

        private final transient List<String[]> violations;

        MalformedReturnWebhook(List<String[]> violations) {
            super(violations.size() + " violation(s)");
            this.violations = List.copyOf(violations);
        }

        /** Pairs of (field, message). */
        public List<String[]> violations() {
            return violations;
        }
    }

    public static CarrierReturnNotice parse(String carrier, String body) throws MalformedReturnWebhook {
        JsonNode root;
        try {
            root = ContractsJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new MalformedReturnWebhook(List.<String[]>of(new String[] {"$", "the body is not JSON"}));
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReturnWebhook(List.<String[]>of(new String[] {"$", "the body must be a JSON object"}));
        }
        List<String[]> violations = new ArrayList<>();
        CarrierReturnNotice notice = switch (carrier) {
            case "sandbox" -> sandbox(root, violations);
            case "koiki" -> koiki(root, violations);
            default -> throw new IllegalArgumentException("no return webhook format for " + carrier);
        };
        if (!violations.isEmpty()) {
            throw new MalformedReturnWebhook(violations);
        }
        return notice;
    }

    private static CarrierReturnNotice sandbox(JsonNode root, List<String[]> violations) {
        String outbound = text(root, "trackingNumber", true, violations);
        String returnNumber = text(root, "returnTrackingNumber", false, violations);
        String code = text(root, "code", true, violations);
        String reason = text(root, "reason", false, violations);
        OffsetDateTime at = null;
        String time = text(root, "occurredAt", true, violations);
        if (time != null) {
            try {
                at = OffsetDateTime.parse(time);
            } catch (DateTimeParseException e) {
                violations.add(new String[] {"occurredAt", "must be an ISO-8601 date-time with offset"});
            }
        }
        if (code != null && !SANDBOX_CODES.containsKey(code)) {
            violations.add(new String[] {"code", "must be one of " + String.join(", ", SANDBOX_CODES.keySet())});
        }
        return new CarrierReturnNotice("sandbox", outbound, returnNumber, code == null ? null : SANDBOX_CODES.get(code),
                code, reason != null ? reason : "Return reported by the carrier (" + code + ")", at);
    }

    private static CarrierReturnNotice koiki(JsonNode root, List<String[]> violations) {
        String returnNumber = text(root, "codBarras", true, violations);
        String outbound = text(root, "codBarrasOriginal", true, violations);
        JsonNode codeNode = root.get("code");
        String code = codeNode == null || codeNode.isNull() ? null : codeNode.asText();
        if (code == null || code.isBlank() || !(codeNode.isIntegralNumber() || codeNode.isTextual())) {
            violations.add(new String[] {"code", "is required (a Koiki status code)"});
            code = null;
        }
        String words = text(root, "codEstado", false, violations);
        String motive = text(root, "motivo", false, violations);
        OffsetDateTime at = null;
        String time = text(root, "date", true, violations);
        if (time != null) {
            try {
                at = OffsetDateTime.parse(time, KOIKI_TIME);
            } catch (DateTimeParseException e) {
                try {
                    at = OffsetDateTime.parse(time);
                } catch (DateTimeParseException again) {
                    violations.add(new String[] {"date", "must be a date-time with offset, e.g. 2021-07-26T09:49:37+0000"});
                }
            }
        }
        String reason = motive != null ? motive : words != null ? words : "Return reported by Koiki (code " + code + ")";
        return new CarrierReturnNotice("koiki", outbound, returnNumber, code == null ? null : KOIKI_CODES.get(code), code,
                reason, at);
    }

    private static String text(JsonNode root, String field, boolean required, List<String[]> violations) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new String[] {field, "is required"});
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            violations.add(new String[] {field, "must be a non-empty string"});
            return null;
        }
        return node.asText().strip();
    }
}
