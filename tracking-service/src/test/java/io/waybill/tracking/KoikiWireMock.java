package io.waybill.tracking;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Koiki stood in by WireMock (its documented {@code track/see} API), with a Koiki account whose
 * tracking calls go there: 80 per second at most, 1 s timeout.
 */
public class KoikiWireMock implements QuarkusTestResourceLifecycleManager {

    static final int RATE_PER_SECOND = 80;
    static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(20)
                .jettyAcceptors(2).maxRequestJournalEntries(50_000));
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "waybill.carriers.koiki.token", "placeholder-koiki-token",
                "waybill.carriers.koiki.baseUrl", url,
                "waybill.carriers.koiki.trackingBaseUrl", url,
                "waybill.carriers.koiki.timeoutMs", "1000",
                "waybill.carriers.koiki.connectTimeoutMs", "500",
                "waybill.polling.rate-per-second.koiki", String.valueOf(RATE_PER_SECOND),
                "waybill.polling.batch-size", "500");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
