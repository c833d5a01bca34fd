package io.waybill.returns.gettingreturns;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;

/** Filters of the return list. {@code tenantId} null: all tenants (admin). */
public record ReturnQuery(String tenantId, String status, OffsetDateTime createdFrom, OffsetDateTime createdTo,
        Cursor after, int limit) {

    /** Position after the last row of the previous page (newest first). */
    public record Cursor(OffsetDateTime createdAt, String returnId) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt.toString() + "|" + returnId).getBytes(StandardCharsets.UTF_8));
        }

        /** Null when the text is not a cursor this service issued. */
        public static Cursor decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
                return new Cursor(OffsetDateTime.parse(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
