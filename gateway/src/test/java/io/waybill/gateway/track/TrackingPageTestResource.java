package io.waybill.gateway.track;

import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database, the test broker and test tokens (ServiceTestResource), plus the tracking page's own
 * consumer group, positioned at the end of the topics so that only this run's events feed the projection.
 */
public class TrackingPageTestResource extends ServiceTestResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "waybill_gateway_track"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(super.start());
        String group = "gateway-track-" + UUID.randomUUID();
        TestKafka.startGroupAtEnd(group);
        config.put("waybill.track.consumer-group", group);
        return config;
    }
}
