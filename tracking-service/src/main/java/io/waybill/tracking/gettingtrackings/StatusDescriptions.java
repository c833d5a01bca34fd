package io.waybill.tracking.gettingtrackings;

import io.waybill.contracts.TrackingStatus;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Localized status and sub-status descriptions from the {@code i18n/statuses} and {@code i18n/sub-statuses}
 * resource bundles (UTF-8 properties, Java 9+). Supported: en (default), es, pt, fr, sv; anything else falls back
 * to en.
 */
public final class StatusDescriptions {

    public static final List<String> LANGUAGES = List.of("en", "es", "pt", "fr", "sv");

    private StatusDescriptions() {
    }

    /** The first supported language of {@code explicit} (?lang=) or else of {@code acceptable} (Accept-Language, by preference). */
    public static String language(String explicit, List<Locale> acceptable) {
        if (explicit != null && !explicit.isBlank()) {
            String wanted = Locale.forLanguageTag(explicit.strip()).getLanguage();
            if (LANGUAGES.contains(wanted)) {
                return wanted;
            }
        }
        for (Locale locale : acceptable) {
            if (LANGUAGES.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return "en";
    }

    public static String describe(TrackingStatus status, String language) {
        if (status == null) {
            return null;
        }
        return bundle("i18n.statuses", language).getString(status.name());
    }

    /**
     * The words for a sub-status ({@code delivery_failed.recipient_absent}); null without one, and for a sub-status
     * no bundle describes (a plug-in's new table entry): the view then still shows it raw, rather than failing.
     */
    public static String describeSubStatus(String subStatus, String language) {
        if (subStatus == null) {
            return null;
        }
        ResourceBundle bundle = bundle("i18n.sub-statuses", language);
        return bundle.containsKey(subStatus) ? bundle.getString(subStatus) : null;
    }

    private static ResourceBundle bundle(String name, String language) {
        return ResourceBundle.getBundle(name, Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
