package io.waybill.gateway.track;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.StatusChanged;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the tracking page's projection from the public topics. Transient failures (database) are retried
 * with back-off; a message that can never be applied goes to its topic's dead-letter topic (channel config
 * in application.properties) and the partition moves on.
 */
@ApplicationScoped
public class PublicEventsConsumer {

    private final TrackingProjection projection;

    public PublicEventsConsumer(TrackingProjection projection) {
        this.projection = projection;
    }

    @Incoming("track-shipment-validated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onShipmentValidated(ConsumerRecord<String, byte[]> record) {
        projection.shipmentValidated(PublicEvents.read(record, ShipmentValidated.class));
    }

    @Incoming("track-label-generated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelGenerated(ConsumerRecord<String, byte[]> record) {
        projection.labelGenerated(PublicEvents.read(record, LabelGenerated.class));
    }

    @Incoming("track-status-changed")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onStatusChanged(ConsumerRecord<String, byte[]> record) {
        projection.statusChanged(PublicEvents.read(record, StatusChanged.class));
    }
}
