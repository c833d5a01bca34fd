package io.waybill.tracking.tracking;

import io.waybill.contracts.TrackingStatus;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvent.TrackingRegistered;
import java.time.OffsetDateTime;
import java.util.HashSet;
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
            String reference) implements TrackingCommand {
    }

    public record RecordCarrierEvent(String carrierCode, TrackingStatus status, String description, String location,
            String source, OffsetDateTime occurredAt, OffsetDateTime recordedAt) implements TrackingCommand {
    }

    public static List<TrackingEvent> decide(TrackingCommand command, Tracking state) {
        return switch (command) {
            case Register register -> state.registered() ? List.of()
                    : List.of(new TrackingRegistered(register.trackingNumber(), register.carrier(), register.shipmentId(),
                            register.tenantId(), register.at(), register.reference()));
            case RecordCarrierEvent event -> {
                if (!state.registered()) {
                    throw new IllegalStateException("Tracking is not registered");
                }
                if (state.seen().contains(key(event.carrierCode(), event.occurredAt()))) {
                    yield List.of(); // the same carrier event by webhook and by poll, or delivered twice
                }
                boolean current = state.statusAt() == null || event.occurredAt().isAfter(state.statusAt());
                boolean regression = current && state.status() == TrackingStatus.DELIVERED
                        && RETURN_STATUSES.contains(event.status());
                yield List.of(new CarrierEventRecorded(state.trackingNumber(), event.carrierCode(), event.status(),
                        state.status(), event.description(), event.location(), event.source(), current, regression,
                        event.occurredAt(), event.recordedAt()));
            }
        };
    }

    public static Tracking evolve(Tracking state, TrackingEvent event) {
        return switch (event) {
            case TrackingRegistered r -> new Tracking(r.trackingNumber(), r.carrier(), r.shipmentId(), r.tenantId(), null, null,
                    Set.of());
            case CarrierEventRecorded e -> {
                Set<String> seen = new HashSet<>(state.seen());
                seen.add(key(e.carrierCode(), e.occurredAt()));
                yield e.current()
                        ? new Tracking(state.trackingNumber(), state.carrier(), state.shipmentId(), state.tenantId(), e.status(),
                                e.occurredAt(), Set.copyOf(seen))
                        : new Tracking(state.trackingNumber(), state.carrier(), state.shipmentId(), state.tenantId(),
                                state.status(), state.statusAt(), Set.copyOf(seen));
            }
        };
    }

    private static String key(String carrierCode, OffsetDateTime occurredAt) {
        return carrierCode + "@" + occurredAt.toInstant();
    }
}
