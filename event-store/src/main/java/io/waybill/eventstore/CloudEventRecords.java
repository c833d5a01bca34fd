package io.waybill.eventstore;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Reading the binary-mode CloudEvents the relay writes. */
public final class CloudEventRecords {

    /** CloudEvents extension attribute carrying the tenant ({@code ce_tenant} on Kafka). */
    public static final String TENANT = "tenant";
    public static final String CORRELATION_ID = "correlationid";

    private CloudEventRecords() {
    }

    /** A binary-mode CloudEvent record: {@code ce_*} headers, JSON data as the value, key = {@code outbound.key()}. */
    public static ProducerRecord<String, byte[]> write(OutboundEvent outbound, String id, URI source, OffsetDateTime time,
            String correlationId) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(outbound.type())
                .withSubject(outbound.subject())
                .withTime(time)
                .withDataContentType("application/json")
                .withExtension(TENANT, outbound.tenant())
                .withData(outbound.data());
        if (correlationId != null) {
            builder.withExtension(CORRELATION_ID, correlationId);
        }
        return KafkaMessageFactory.createWriter(outbound.topic(), outbound.key()).writeBinary(builder.build());
    }

    public static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        return KafkaMessageFactory.createReader(record).toEvent();
    }

    public static String tenant(CloudEvent event) {
        Object tenant = event.getExtension(TENANT);
        return tenant == null ? null : tenant.toString();
    }

    public static String dataAsString(CloudEvent event) {
        return event.getData() == null ? "" : new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }
}
