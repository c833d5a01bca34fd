package io.waybill.gateway.track;

import static io.restassured.RestAssured.given;
import static io.waybill.gateway.track.TrackingPageTest.deliveredSoon;
import static io.waybill.gateway.track.TrackingPageTest.html;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The page in each of its five languages: status names, labels and dates (in the carrier's offset, -03:00
 * here, whatever the JVM's zone), chosen by {@code ?lang=} or Accept-Language.
 */
@QuarkusTest
@QuarkusTestResource(TrackingPageTestResource.class)
class TrackingPageLocalizationTest {

    /** One shipment for all languages, published once the gateway runs (not in @BeforeAll: it is not up yet). */
    static String number;

    @BeforeEach
    void publishOneShipment() {
        if (number == null) {
            number = deliveredSoon(UUID.randomUUID().toString().substring(0, 8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "en | Track your parcel     | Out for delivery      | History    | Mar 12, 2026, 2:05\u202fPM (GMT-3) | Thursday, March 12, 2026         | In transit",
            "es | Sigue tu envío        | En reparto            | Historial  | 12 mar 2026, 14:05 (GMT-3)         | jueves, 12 de marzo de 2026      | En tránsito",
            "pt | Acompanhe sua encomenda | Saiu para entrega   | Histórico  | 12 de mar. de 2026 14:05 (GMT-3)   | quinta-feira, 12 de março de 2026 | Em trânsito",
            "fr | Suivez votre colis    | En cours de livraison | Historique | 12 mars 2026 14:05 (UTC-3)         | jeudi 12 mars 2026               | En transit",
            "sv | Spåra din försändelse | Ute för leverans      | Historik   | 12 mars 2026 14:05 (GMT-3)         | torsdag 12 mars 2026             | Under transport"})
    void pageInEachLanguage(String lang, String heading, String outForDelivery, String history, String scannedAt,
            String estimate, String inTransit) {
        Response byParameter = html(number, "01310-100", lang, "de-DE,de;q=0.9");
        Response byHeader = html(number, "01310-100", null, "de-DE,de;q=0.9," + lang + ";q=0.8,en;q=0.5");

        for (Response response : new Response[] {byParameter, byHeader}) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("Content-Language")).isEqualTo(lang);
            String page = response.asString();
            assertThat(page).contains("<html lang=\"" + lang + "\">", heading, outForDelivery, history, scannedAt,
                    inTransit);
            if (!"en".equals(lang)) {
                assertThat(page).doesNotContain("Out for delivery", "Track your parcel");
            }
        }
        // The estimate is the newest event's (20:00 on the 12th), as a date.
        assertThat(byParameter.asString()).contains(estimate);

        String statusText = given().accept("application/json").queryParam("postalCode", "01310-100")
                .queryParam("lang", lang).get("/track/{n}", number).jsonPath().getString("status.text");
        assertThat(statusText).isEqualTo(outForDelivery);
    }

    @Test
    void theParameterWinsOverTheHeaderAndUnknownLanguagesFallBackToEnglish() {
        assertThat(html(number, "01310-100", "fr", "sv").asString()).contains("Suivez votre colis");
        assertThat(html(number, "01310-100", "xx", "pt-BR,pt;q=0.9").asString()).contains("Acompanhe sua encomenda");
        assertThat(html(number, "01310-100", null, "de-DE,ja;q=0.5").header("Content-Language")).isEqualTo("en");
    }

    @Test
    void theNotFoundPageIsLocalizedToo() {
        Response response = html(number, "99999", "es", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.asString()).contains("Envío no encontrado", "Código postal de la dirección de entrega");
    }
}
