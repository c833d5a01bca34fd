package io.waybill.label.carriercalls;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Koiki, the third-party carrier, stood in by WireMock for a {@code @QuarkusTest}: label-service gets
 * a Koiki account pointing at it (HTTP timeout 2.5 s, below the guard's 3 s test timeout).
 */
public class KoikiStandIn implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "koiki-test-token-0001";
    static final String ALTA = "/rekis/api/altaEnvios";
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        return Map.of("waybill.carriers.koiki.token", TOKEN,
                "waybill.carriers.koiki.baseUrl", server.baseUrl(),
                "waybill.carriers.koiki.trackingBaseUrl", server.baseUrl(),
                "waybill.carriers.koiki.timeoutMs", "2500");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
