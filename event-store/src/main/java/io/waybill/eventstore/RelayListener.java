package io.waybill.eventstore;

import java.util.List;

/**
 * Told when a batch is acknowledged by Kafka, before the checkpoint is written (metrics, tests).
 * If the process dies right here the batch is published again on restart: at least once.
 */
@FunctionalInterface
public interface RelayListener {

    RelayListener NONE = published -> {
    };

    void published(List<StoredEvent> batch);
}
