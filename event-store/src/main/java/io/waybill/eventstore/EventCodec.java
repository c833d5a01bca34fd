package io.waybill.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the records of one sealed event interface into stored JSON and back. The stored type is the
 * record's simple name, so renaming a record is a breaking change to the service's history: add an
 * upcaster (a new record and a mapping) instead.
 */
public final class EventCodec<E> {

    private final Class<E> eventInterface;
    private final Map<String, Class<? extends E>> byName = new HashMap<>();
    private final ObjectMapper mapper;

    private EventCodec(Class<E> eventInterface, ObjectMapper mapper) {
        this.eventInterface = eventInterface;
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    public static <E> EventCodec<E> forSealed(Class<E> eventInterface, ObjectMapper mapper) {
        if (!eventInterface.isSealed()) {
            throw new IllegalArgumentException(eventInterface + " must be a sealed interface of event records");
        }
        EventCodec<E> codec = new EventCodec<>(eventInterface, mapper);
        for (Class<?> permitted : eventInterface.getPermittedSubclasses()) {
            codec.byName.put(permitted.getSimpleName(), (Class<? extends E>) permitted);
        }
        return codec;
    }

    public String typeOf(E event) {
        return event.getClass().getSimpleName();
    }

    public String encode(E event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + typeOf(event), e);
        }
    }

    public E decode(StoredEvent stored) {
        return decode(stored.eventType(), stored.data());
    }

    public E decode(String type, String json) {
        Class<? extends E> type1 = byName.get(type);
        if (type1 == null) {
            throw new IllegalArgumentException("Unknown " + eventInterface.getSimpleName() + " type " + type);
        }
        try {
            return mapper.readValue(json, type1);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read stored " + type, e);
        }
    }

    public boolean knows(String type) {
        return byName.containsKey(type);
    }
}
