package io.waybill.gateway.webhooks.fanningout;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PoisonMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads every public topic (channel {@value #CHANNEL}, topics from the catalog: {@link PublicTopicsConfigSource})
 * and turns each event into pending deliveries for the subscriptions of its tenant. A record that can never be
 * read goes to its topic's dead-letter topic with the reason, so the partition keeps moving.
 */
@ApplicationScoped
public class PublicEventsFanout {

    static final String CHANNEL = "webhook-events";
    static final String DEAD_LETTERS = "webhook-events-dead-letters";

    private static final Logger LOG = Logger.getLogger(PublicEventsFanout.class);

    private final FanOut fanOut;
    private final MutinyEmitter<byte[]> deadLetters;

    public PublicEventsFanout(FanOut fanOut, @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.fanOut = fanOut;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onPublicEvent(ConsumerRecord<String, byte[]> record) {
        Optional<IncomingEvent> event;
        try {
            event = IncomingEvent.read(record);
        } catch (PoisonMessage poison) {
            park(record, poison.getMessage());
            return;
        }
        if (event.isEmpty()) {
            LOG.debugf("Skipping %s offset %d: event type outside the public catalog", record.topic(), record.offset());
            return;
        }
        int created = fanOut.store(event.get());
        LOG.debugf("Event %s -> %d delivery(ies)", event.get().id(), created);
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        String topic = Topics.deadLetter(record.topic());
        LOG.warnf("Parking %s offset %d in %s: %s", record.topic(), record.offset(), topic, reason);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-consumer", "gateway-webhooks".getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(record.key()).withHeaders(headers).build();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        // Waits for the broker's ack: the record's offset is committed only once it is safely parked.
        deadLetters.sendMessageAndAwait(Message.of(value).addMetadata(metadata));
    }
}
