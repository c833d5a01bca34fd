package io.waybill.gateway.track;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How visitors' input meets stored values: people type postal codes as "sw1a 1aa", "SW1A-1AA" or "01310-100"
 * and tracking numbers with spaces from a printed label, so both sides are compared in one canonical form.
 */
final class LookupKeys {

    private static final Pattern POSTAL_NOISE = Pattern.compile("[\\s\\-\\u2010-\\u2015]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** Upper case without spaces or hyphens; null and blank become the empty string (which never matches). */
    static String postalCode(String raw) {
        return raw == null ? "" : POSTAL_NOISE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    }

    /** Upper case without whitespace. */
    static String trackingNumber(String raw) {
        return raw == null ? "" : WHITESPACE.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
    }

    private LookupKeys() {
    }
}
