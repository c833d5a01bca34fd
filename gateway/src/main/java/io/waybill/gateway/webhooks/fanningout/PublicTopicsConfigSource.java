package io.waybill.gateway.webhooks.fanningout;

import io.waybill.contracts.PublicEventType;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Subscribes the webhook channel to every topic of the public catalog ({@link PublicEventType}), so an event added
 * to {@code contracts} is delivered to partners without a change here. Lowest precedence: an operator can still
 * set {@code mp.messaging.incoming.webhook-events.topics} explicitly.
 */
public class PublicTopicsConfigSource implements ConfigSource {

    static final String TOPICS = "mp.messaging.incoming." + PublicEventsFanout.CHANNEL + ".topics";

    private final Map<String, String> properties = Map.of(TOPICS, Arrays.stream(PublicEventType.values())
            .map(PublicEventType::topic).distinct().collect(Collectors.joining(",")));

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "waybill-public-topics";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
