package io.waybill.carriers.koiki;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.JsonHttp;
import java.net.URI;

/**
 * Koiki's two HTTP hosts: shipments ({@code {baseUrl}/rekis/api/altaEnvios}) and tracking
 * ({@code {trackingBaseUrl}/kis/api/v1/service/track/see}). The token travels in the JSON body (Koiki
 * uses no auth header).
 */
final class KoikiProxy {

    static final String TEST_BASE = "https://rekistest.koiki.es/services";
    static final String PRODUCTION_BASE = "https://rekis.koiki.es/services";
    static final String TEST_TRACKING_BASE = "https://test.koiki.eu/services";
    static final String PRODUCTION_TRACKING_BASE = "https://koiki.eu/services";

    private final JsonHttp http;
    private final URI altaEnvios;
    private final URI trackSee;

    KoikiProxy(CarrierAccount account) {
        boolean production = "production".equalsIgnoreCase(account.get("environment", "test"));
        String base = trim(account.get("baseUrl", production ? PRODUCTION_BASE : TEST_BASE));
        String tracking = trim(account.get("trackingBaseUrl", production ? PRODUCTION_TRACKING_BASE : TEST_TRACKING_BASE));
        this.http = new JsonHttp(account);
        this.altaEnvios = URI.create(base + "/rekis/api/altaEnvios");
        this.trackSee = URI.create(tracking + "/kis/api/v1/service/track/see");
    }

    JsonNode altaEnvios(JsonNode body) throws CarrierException {
        return http.post(altaEnvios, body, KoikiMapper::errorMessage);
    }

    JsonNode trackSee(JsonNode body) throws CarrierException {
        return http.post(trackSee, body, KoikiMapper::errorMessage);
    }

    String redact(String text) {
        return http.redact(text);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
