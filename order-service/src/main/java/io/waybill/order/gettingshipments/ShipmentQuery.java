package io.waybill.order.gettingshipments;

import java.time.OffsetDateTime;

/** Filters of the shipment list. {@code tenantId} null: all tenants (admin). */
public record ShipmentQuery(String tenantId, String status, String orderReference, OffsetDateTime createdFrom,
        OffsetDateTime createdTo, Cursor after, int limit) {

    /** Position after the last row of the previous page (newest first). */
    public record Cursor(OffsetDateTime createdAt, String shipmentId) {

        public String encode() {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (createdAt.toString() + "|" + shipmentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Null when the text is not a cursor this service issued. */
        public static Cursor decode(String text) {
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(text),
                        java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(OffsetDateTime.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
