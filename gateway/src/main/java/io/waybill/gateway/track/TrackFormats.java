package io.waybill.gateway.track;

import io.quarkus.qute.TemplateExtension;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates on the page, in the visitor's language and at the event's own offset: a parcel scanned at 14:05 in
 * Bogotá shows 14:05 (GMT-5), whoever looks and wherever the gateway runs.
 */
@TemplateExtension
public final class TrackFormats {

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("O");

    private TrackFormats() {
    }

    /** E.g. "Mar 12, 2026, 2:05 PM (GMT-5)", "12 mar 2026, 14:05 (GMT-5)". */
    public static String dateTime(OffsetDateTime time, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).format(time)
                + " (" + OFFSET.withLocale(locale).format(time) + ")";
    }

    /** E.g. "Friday, March 13, 2026", "viernes, 13 de marzo de 2026": the date where the carrier said it. */
    public static String date(OffsetDateTime time, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(time);
    }
}
