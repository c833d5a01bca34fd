package io.waybill.tracking.registering;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ParcelLabel;
import io.waybill.eventstore.Inbox;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.PublicEvents;
import io.waybill.tracking.webhooks.CarrierEventIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every parcel of a generated label is followed from then on; webhooks that came first are applied now. */
@ApplicationScoped
public class LabelGeneratedConsumer {

    private final Inbox inbox;
    private final CarrierEventIntake intake;

    public LabelGeneratedConsumer(Inbox inbox, CarrierEventIntake intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    @Incoming("label-generated")
    @Blocking
    @Retry(maxRetries = 5, delay = 200, abortOn = PoisonMessage.class)
    @ExponentialBackoff(maxDelay = 5_000)
    public void onLabelGenerated(ConsumerRecord<String, byte[]> record) {
        var received = PublicEvents.read(record, LabelGenerated.class);
        LabelGenerated label = received.event();
        inbox.processOnce("tracking-service", received.id(), c -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (ParcelLabel parcel : label.parcels()) {
                intake.register(c, label.carrier(), parcel.trackingNumber(), label.shipmentId(), label.tenantId(), now,
                        label.returnId(),
                        received.id());
            }
            return null;
        });
    }
}
