package io.waybill.tracking.gettingtrackings;

import io.waybill.contracts.TrackingStatus;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Localized status descriptions from the {@code i18n/statuses} resource bundles (UTF-8 properties,
 * Java 9+). Supported: en (default), es, pt, fr, sv; anything else falls back to en.
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
        ResourceBundle bundle = ResourceBundle.getBundle("i18n.statuses", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return bundle.getString(status.name());
    }
}
