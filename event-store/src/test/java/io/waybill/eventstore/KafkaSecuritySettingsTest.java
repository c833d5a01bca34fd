package io.waybill.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecuritySettingsTest {

    @Test
    void theRelayTakesTheClientSecuritySettingsAndNothingElse() {
        Map<String, Object> quarkusDefaults = Map.of(
                "bootstrap.servers", "waybill-kafka-bootstrap:9093",
                "group.id", "order-service",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/waybill/kafka-ca/ca.crt");

        assertThat(EventStoreBeans.securitySettings(quarkusDefaults)).containsOnlyKeys(
                "security.protocol", "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.type", "ssl.truststore.location");
    }

    @Test
    void withoutSecuritySettingsTheRelayConnectsAsBefore() {
        assertThat(EventStoreBeans.securitySettings(Map.of("bootstrap.servers", "127.0.0.1:9092"))).isEmpty();
    }
}
