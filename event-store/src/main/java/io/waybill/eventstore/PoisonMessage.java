package io.waybill.eventstore;

/** A message that can never be processed as it is: park it in the dead-letter topic, do not retry. */
public final class PoisonMessage extends RuntimeException {

    public PoisonMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
