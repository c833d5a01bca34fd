package io.waybill.gateway.webhooks.fanningout;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.PublicEventType;
import io.waybill.contracts.Topics;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicTopicsConfigSourceTest {

    @Test
    void theWebhookChannelReadsEveryTopicOfTheCatalog() {
        List<String> topics = List.of(new PublicTopicsConfigSource().getValue(PublicTopicsConfigSource.TOPICS).split(","));
        assertThat(topics).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(PublicEventType.values()).map(PublicEventType::topic).distinct().toList());
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.PUBLIC);
        assertThat(topics).noneMatch(topic -> topic.endsWith(".dlq"));
    }
}
