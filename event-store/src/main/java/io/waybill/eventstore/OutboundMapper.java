package io.waybill.eventstore;

import java.util.Optional;

/** Decides which stored events are published, and as what. Empty: private, not published. */
@FunctionalInterface
public interface OutboundMapper {
    Optional<OutboundEvent> map(StoredEvent event);
}
