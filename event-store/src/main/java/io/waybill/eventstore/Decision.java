package io.waybill.eventstore;

import java.util.List;

/** What a command decided: the new events, the state after them and the stream's new version. */
public record Decision<S, E>(S state, List<E> events, long version) {
}
