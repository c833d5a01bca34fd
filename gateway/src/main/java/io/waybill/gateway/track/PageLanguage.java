package io.waybill.gateway.track;

import java.util.List;
import java.util.Locale;

/**
 * The page's language: {@code ?lang=} when it names a supported one, else the first supported language of
 * the browser's Accept-Language (in the client's order of preference), else English.
 */
final class PageLanguage {

    /** The languages that have a message file (messages/track*.properties). */
    static final List<Locale> SUPPORTED = List.of(
            Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.forLanguageTag("pt"), Locale.FRENCH,
            Locale.forLanguageTag("sv"));

    static Locale resolve(String lang, List<Locale> acceptable) {
        if (lang != null && !lang.isBlank()) {
            Locale requested = supported(Locale.forLanguageTag(lang.trim()));
            if (requested != null) {
                return requested;
            }
        }
        for (Locale candidate : acceptable) {
            Locale match = supported(candidate);
            if (match != null) {
                return match;
            }
        }
        return Locale.ENGLISH;
    }

    /** es-CO, es_ES and ES all mean Spanish here; "*" and unknown languages mean nothing. */
    private static Locale supported(Locale candidate) {
        String language = candidate.getLanguage();
        return SUPPORTED.stream()
                .filter(locale -> locale.getLanguage().equals(language))
                .findFirst()
                .orElse(null);
    }

    private PageLanguage() {
    }
}
