package io.waybill.eventstore;

/** The store could not be read or written (database down, bad data): not a caller's mistake. */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
