package io.waybill.tracking.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The sandbox carrier's webhook payload and status codes:
 * {@code {"trackingNumber", "code", "description", "location", "occurredAt"}}. Unknown codes map to
 * UNMAPPED, never silently to "in transit".
 */
public record SandboxWebhook(String trackingNumber, String code, TrackingStatus status, String description, String location,
        OffsetDateTime occurredAt) {

    static final Map<String, TrackingStatus> CODES = Map.ofEntries(
            Map.entry("INFO_RECEIVED", TrackingStatus.INFO_RECEIVED),
            Map.entry("PICKED_UP", TrackingStatus.IN_TRANSIT),
            Map.entry("IN_TRANSIT", TrackingStatus.IN_TRANSIT),
            Map.entry("OUT_FOR_DELIVERY", TrackingStatus.OUT_FOR_DELIVERY),
            Map.entry("AT_PICKUP_POINT", TrackingStatus.AVAILABLE_FOR_PICKUP),
            Map.entry("DELIVERY_FAILED", TrackingStatus.DELIVERY_FAILED),
            Map.entry("DELIVERED", TrackingStatus.DELIVERED),
            Map.entry("EXCEPTION", TrackingStatus.EXCEPTION),
            Map.entry("RETURNING", TrackingStatus.RETURNING),
            Map.entry("RETURNED", TrackingStatus.RETURNED),
            // The sandbox plug-in's own codes (what polling the sandbox returns), so a pushed and a polled
            // sandbox event can carry the same code and be recognised as one.
            Map.entry("SB10", TrackingStatus.INFO_RECEIVED),
            Map.entry("SB20", TrackingStatus.IN_TRANSIT),
            Map.entry("SB30", TrackingStatus.IN_TRANSIT),
            Map.entry("SB40", TrackingStatus.OUT_FOR_DELIVERY),
            Map.entry("SB51", TrackingStatus.DELIVERY_FAILED),
            Map.entry("SB60", TrackingStatus.DELIVERED),
            Map.entry("SB70", TrackingStatus.RETURNING),
            Map.entry("SB80", TrackingStatus.RETURNED));

    /** What this format's current table makes of a code (UNMAPPED when it does not know it). */
    public static TrackingStatus normalize(String code) {
        return CODES.getOrDefault(code, TrackingStatus.UNMAPPED);
    }

    /** The name of this format's mapping table ({@link #CODES}), recorded with each event it normalized. */
    public static final String MAPPING = "sandbox-webhook";

    /** As a normalized update (its carrier names the table that normalized it, for re-normalization). */
    public io.waybill.carriers.spi.TrackingUpdate toUpdate() {
        return new io.waybill.carriers.spi.TrackingUpdate(trackingNumber, MAPPING, status, code, description, location,
                occurredAt);
    }

    /** Parses a raw body; a missing or wrong field is a {@link MalformedWebhook} naming it. */
    public static SandboxWebhook parse(String body) throws MalformedWebhook {
        JsonNode root = jsonObject(body);
        String number = text(root, "trackingNumber");
        String code = text(root, "code");
        OffsetDateTime occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(text(root, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new MalformedWebhook("occurredAt must be an ISO-8601 date-time with offset");
        }
        String description = root.path("description").asText(code);
        String location = root.hasNonNull("location") ? root.get("location").asText() : null;
        return new SandboxWebhook(number, code, CODES.getOrDefault(code, TrackingStatus.UNMAPPED), description, location,
                occurredAt);
    }

    private static String text(JsonNode root, String field) throws MalformedWebhook {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new MalformedWebhook(field + " is required and must be a string");
        }
        return node.asText();
    }

    /** The body as a JSON object, or why it is not one. */
    public static JsonNode jsonObject(String body) throws MalformedWebhook {
        JsonNode root;
        try {
            root = ContractsJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new MalformedWebhook("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhook("body must be a JSON object");
        }
        return root;
    }

    public static final class MalformedWebhook extends Exception {
        public MalformedWebhook(String message) {
            super(message);
        }
    }
}
