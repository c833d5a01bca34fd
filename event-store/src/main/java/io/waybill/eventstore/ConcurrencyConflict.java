package io.waybill.eventstore;

/**
 * Another writer appended to the stream since it was read. Callers reload and decide again, or
 * answer 409; it is never an internal error.
 */
public final class ConcurrencyConflict extends RuntimeException {

    private final String streamId;
    private final long expectedVersion;

    public ConcurrencyConflict(String streamId, long expectedVersion, Throwable cause) {
        super("Stream " + streamId + " is no longer at version " + expectedVersion, cause);
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
    }

    public String streamId() {
        return streamId;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
