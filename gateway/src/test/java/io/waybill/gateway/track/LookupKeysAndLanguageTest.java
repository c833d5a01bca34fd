package io.waybill.gateway.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.TrackingStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's pure parts, without Quarkus: input normalization, language choice, complete message files. */
class LookupKeysAndLanguageTest {

    @Test
    void postalCodesLoseCaseSpacesAndHyphens() {
        assertThat(LookupKeys.postalCode(" sw1a 1aa ")).isEqualTo("SW1A1AA");
        assertThat(LookupKeys.postalCode("01310-100")).isEqualTo("01310100");
        assertThat(LookupKeys.postalCode("113 57")).isEqualTo("11357");
        assertThat(LookupKeys.postalCode("01310\u2010100")).isEqualTo("01310100");
        assertThat(LookupKeys.postalCode(null)).isEmpty();
        assertThat(LookupKeys.postalCode(" - ")).isEmpty();
    }

    @Test
    void trackingNumbersLoseCaseAndSpaces() {
        assertThat(LookupKeys.trackingNumber(" sbx 0001 23 ")).isEqualTo("SBX000123");
        assertThat(LookupKeys.trackingNumber("SBX-1")).isEqualTo("SBX-1");
    }

    @Test
    void languageFromParameterThenHeaderThenEnglish() {
        List<Locale> browser = List.of(Locale.forLanguageTag("de-DE"), Locale.forLanguageTag("pt-BR"), Locale.ENGLISH);

        assertThat(PageLanguage.resolve("sv", browser)).isEqualTo(Locale.forLanguageTag("sv"));
        assertThat(PageLanguage.resolve("ES-co", browser)).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(PageLanguage.resolve("xx", browser)).isEqualTo(Locale.forLanguageTag("pt"));
        assertThat(PageLanguage.resolve(null, List.of(Locale.forLanguageTag("fr-CA")))).isEqualTo(Locale.FRENCH);
        assertThat(PageLanguage.resolve(null, List.of(Locale.forLanguageTag("ja"), Locale.of("*"))))
                .isEqualTo(Locale.ENGLISH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"track_es", "track_pt", "track_fr", "track_sv"})
    void everyLanguageHasEveryText(String file) throws IOException {
        Properties english = load("track");
        Properties translated = load(file);

        assertThat(translated.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).containsAll(
                Arrays.stream(TrackingStatus.values()).map(status -> "status_$" + status.name()).toList());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LookupKeysAndLanguageTest.class.getResourceAsStream("/messages/" + name + ".properties")) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
