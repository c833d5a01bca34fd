package io.waybill.gateway.webhooks.subscribing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The answer to a new subscription: the only time its signing {@code secret} is ever shown. */
public record CreatedSubscription(UUID id, String url, List<String> eventTypes, String description,
        OffsetDateTime createdAt, String secret) {

    static CreatedSubscription of(Subscription subscription, String secret) {
        return new CreatedSubscription(subscription.id(), subscription.url(), subscription.eventTypes(),
                subscription.description(), subscription.createdAt(), secret);
    }

    @Override
    public String toString() {
        // Records print every component; this one must not print the secret wherever it is logged.
        return "CreatedSubscription[id=" + id + ", url=" + url + ", eventTypes=" + eventTypes + "]";
    }
}
