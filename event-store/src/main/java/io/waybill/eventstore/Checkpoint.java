package io.waybill.eventstore;

/** A position in the whole log: the writing transaction and the global position within it. */
public record Checkpoint(String transactionId, long globalPosition) {

    public static final Checkpoint START = new Checkpoint("0", 0);
}
