package io.waybill.tracking.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ContractsJson;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;
import io.waybill.carriers.spi.TrackingUpdate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The sandbox carrier's webhook payload and status codes:
 * {@code {"trackingNumber", "code", "description", "location", "occurredAt"}}. Codes are normalized by the
 * versioned table {@code normalization/sandbox-webhook.v1.properties}; unknown codes become
 * exception.unmapped, never silently "in transit".
 */
public record SandboxWebhook(String trackingNumber, String code, NormalizedStatus normalized, String description,
        String location, OffsetDateTime occurredAt) {

    /** The name of this format's mapping table, recorded with each event it normalized. */
    public static final String MAPPING = "sandbox-webhook";

    static final StatusTable CODES = StatusTable.load(SandboxWebhook.class, "/normalization/" + MAPPING + ".v1.properties");

    /** What this format's current table makes of a code (exception.unmapped when it does not know it). */
    public static NormalizedStatus normalize(String code) {
        return CODES.normalize(code);
    }

    /** As a normalized update (its carrier names the table that normalized it, for re-normalization). */
    public TrackingUpdate toUpdate() {
        return new TrackingUpdate(trackingNumber, MAPPING, normalized, code, description, location, occurredAt, null);
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
        return new SandboxWebhook(number, code, normalize(code), description, location, occurredAt);
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
