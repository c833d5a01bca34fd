package io.waybill.eventstore;

/** A stream folded to a state, and the version it was folded at (the expected version of the next append). */
public record StreamState<S>(S state, long version) {

    public boolean exists() {
        return version > 0;
    }
}
