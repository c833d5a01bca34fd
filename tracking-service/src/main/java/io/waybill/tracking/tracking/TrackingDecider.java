package io.waybill.tracking.tracking;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.contracts.TrackingStatus;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRemapped;
import io.waybill.tracking.tracking.TrackingEvent.TrackingRegistered;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/** Pure tracking rules: register once, de-duplicate carrier events, order by event time, flag regressions. */
public final class TrackingDecider {

    private static final Set<TrackingStatus> RETURN_STATUSES = Set.of(TrackingStatus.RETURNING, TrackingStatus.RETURNED);

    private TrackingDecider() {
    }

    public sealed interface TrackingCommand {
    }

    /** {@code reference}: the caller's own reference for numbers registered through the API; may be null. */
    public record Register(String trackingNumber, String carrier, String shipmentId, String tenantId, OffsetDateTime at,
            String reference, String returnId) implements TrackingCommand {
    }

    /**
     * {@code estimatedDelivery}: the carrier's promise as of this event, null when it gives none;
     * {@code mapping}: the table that normalized the code (a carrier, {@code aggregator}, ...).
     */
    public record RecordCarrierEvent(String carrierCode, NormalizedStatus normalized, String description, String location,
            String source, OffsetDateTime occurredAt, OffsetDateTime recordedAt, OffsetDateTime estimatedDelivery,
            String mapping) implements TrackingCommand {

        /** An event whose status the table refines no further. */
        public RecordCarrierEvent(String carrierCode, TrackingStatus status, String description, String location,
                String source, OffsetDateTime occurredAt, OffsetDateTime recordedAt, OffsetDateTime estimatedDelivery,
                String mapping) {
            this(carrierCode, NormalizedStatus.upgrade(status, null), description, location, source, occurredAt, recordedAt,
                    estimatedDelivery, mapping);
        }
    }

    /** Stored events whose code the current tables map otherwise; the shell computes them, the decider keeps what changes. */
    public record Renormalize(List<Remap> remaps, OffsetDateTime at) implements TrackingCommand {
    }

    public record Remap(String carrierCode, OffsetDateTime occurredAt, NormalizedStatus normalized, String description,
            String location, String source) {
    }

    public static List<TrackingEvent> decide(TrackingCommand command, Tracking state) {
        return switch (command) {
            case Register register -> state.registered() ? List.of()
                    : List.of(new TrackingRegistered(register.trackingNumber(), register.carrier(), register.shipmentId(),
                            register.tenantId(), register.at(), register.reference(), register.returnId()));
            case RecordCarrierEvent event -> {
                if (!state.registered()) {
                    throw new IllegalStateException("Tracking is not registered");
                }
                if (state.seen().containsKey(key(event.carrierCode(), event.occurredAt()))) {
                    yield List.of(); // the same carrier event by webhook and by poll, or delivered twice
                }
                boolean current = state.statusAt() == null || event.occurredAt().isAfter(state.statusAt());
                NormalizedStatus normalized = event.normalized();
                boolean regression = current && state.status() == TrackingStatus.DELIVERED
                        && RETURN_STATUSES.contains(normalized.status());
                yield List.of(new CarrierEventRecorded(state.trackingNumber(), event.carrierCode(), normalized.status(),
                        state.status(), event.description(), event.location(), event.source(), current, regression,
                        event.occurredAt(), event.recordedAt(), event.estimatedDelivery(), event.mapping(),
                        normalized.subStatus()));
            }
            case Renormalize renormalize -> {
                List<TrackingEvent> remapped = new java.util.ArrayList<>();
                TrackingStatus status = state.status();
                for (Remap remap : renormalize.remaps()) {
                    String key = key(remap.carrierCode(), remap.occurredAt());
                    NormalizedStatus from = state.seen().get(key);
                    if (from == null || from.equals(remap.normalized())) {
                        continue; // not in the timeline, or already mapped so
                    }
                    boolean current = key.equals(state.statusKey());
                    remapped.add(new CarrierEventRemapped(state.trackingNumber(), remap.carrierCode(), remap.occurredAt(),
                            from.status(), remap.normalized().status(), status, current, remap.description(), remap.location(),
                            remap.source(), renormalize.at(), remap.normalized().subStatus()));
                    status = current ? remap.normalized().status() : status;
                }
                yield remapped;
            }
        };
    }

    public static Tracking evolve(Tracking state, TrackingEvent event) {
        return switch (event) {
            case TrackingRegistered r -> new Tracking(r.trackingNumber(), r.carrier(), r.shipmentId(), r.tenantId(), null, null,
                    Map.of(), null, r.returnId());
            case CarrierEventRecorded e -> {
                Map<String, NormalizedStatus> seen = new HashMap<>(state.seen());
                String key = key(e.carrierCode(), e.occurredAt());
                seen.put(key, e.normalized());
                yield e.current()
                        ? new Tracking(state.trackingNumber(), state.carrier(), state.shipmentId(), state.tenantId(),
                                e.normalized().status(),
                                e.occurredAt(), Map.copyOf(seen), key, state.returnId())
                        : new Tracking(state.trackingNumber(), state.carrier(), state.shipmentId(), state.tenantId(),
                                state.status(), state.statusAt(), Map.copyOf(seen), state.statusKey(), state.returnId());
            }
            case CarrierEventRemapped e -> {
                Map<String, NormalizedStatus> seen = new HashMap<>(state.seen());
                seen.put(key(e.carrierCode(), e.occurredAt()), e.normalized());
                yield new Tracking(state.trackingNumber(), state.carrier(), state.shipmentId(), state.tenantId(),
                        e.current() ? e.normalized().status() : state.status(), state.statusAt(), Map.copyOf(seen), state.statusKey(),
                        state.returnId());
            }
        };
    }

    public static String key(String carrierCode, OffsetDateTime occurredAt) {
        return carrierCode + "@" + occurredAt.toInstant();
    }
}
