package io.waybill.tracking.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.TrackingStatus;
import io.waybill.tracking.tracking.TrackingDecider.RecordCarrierEvent;
import io.waybill.tracking.tracking.TrackingDecider.Register;
import io.waybill.tracking.tracking.TrackingDecider.Remap;
import io.waybill.tracking.tracking.TrackingDecider.Renormalize;
import io.waybill.tracking.tracking.TrackingDecider.TrackingCommand;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRemapped;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracking rules without Quarkus: de-duplication, order by event time, re-normalization. */
class TrackingDeciderTest {

    static final OffsetDateTime T1 = OffsetDateTime.parse("2026-11-24T10:00:00+01:00");
    static final OffsetDateTime T2 = OffsetDateTime.parse("2026-11-25T10:00:00+01:00");
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-25T12:00:00Z");

    @Test
    void theSameEventTwiceIsRecordedOnceAndALateOneDoesNotMoveTheStatus() {
        Tracking t = given(new Register("SB1", "sandbox", "s-1", "acme", NOW, null, null), event("SB40", TrackingStatus.OUT_FOR_DELIVERY, T2));
        assertThat(TrackingDecider.decide(event("SB40", TrackingStatus.OUT_FOR_DELIVERY, T2), t)).isEmpty();
        var late = TrackingDecider.decide(event("SB20", TrackingStatus.IN_TRANSIT, T1), t);
        assertThat(late).singleElement().satisfies(e -> assertThat(((TrackingEvent.CarrierEventRecorded) e).current()).isFalse());
        assertThat(fold(t, late).status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
    }

    @Test
    void renormalizingRemapsOnlyWhatChangedAndMovesTheStatusOnlyForTheCurrentEvent() {
        Tracking t = given(new Register("SB1", "sandbox", "s-1", "acme", NOW, null, null),
                event("SB30", TrackingStatus.UNMAPPED, T1), event("SB60", TrackingStatus.UNMAPPED, T2));
        Renormalize fix = new Renormalize(List.of(remap("SB30", T1, TrackingStatus.IN_TRANSIT),
                remap("SB60", T2, TrackingStatus.DELIVERED), remap("SB99", T2, TrackingStatus.DELIVERED)), NOW);
        List<TrackingEvent> events = TrackingDecider.decide(fix, t);
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(CarrierEventRemapped.class));
        CarrierEventRemapped late = (CarrierEventRemapped) events.get(0);
        CarrierEventRemapped current = (CarrierEventRemapped) events.get(1);
        assertThat(late.current()).isFalse();
        assertThat(current.current()).isTrue();
        assertThat(current.previousStatus()).isEqualTo(TrackingStatus.UNMAPPED);
        assertThat(current.status()).isEqualTo(TrackingStatus.DELIVERED);
        Tracking fixed = fold(t, events);
        assertThat(fixed.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(TrackingDecider.decide(fix, fixed)).as("a second run changes nothing").isEmpty();
    }

    private static RecordCarrierEvent event(String code, TrackingStatus status, OffsetDateTime at) {
        return new RecordCarrierEvent(code, status, code, null, "POLL", at, NOW, null, "sandbox");
    }

    private static Remap remap(String code, OffsetDateTime at, TrackingStatus status) {
        return new Remap(code, at, status, code, null, "POLL");
    }

    private static Tracking given(TrackingCommand... commands) {
        Tracking state = Tracking.NONE;
        for (TrackingCommand command : commands) {
            state = fold(state, TrackingDecider.decide(command, state));
        }
        return state;
    }

    private static Tracking fold(Tracking state, List<TrackingEvent> events) {
        for (TrackingEvent e : events) {
            state = TrackingDecider.evolve(state, e);
        }
        return state;
    }
}
