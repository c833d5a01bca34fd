package io.waybill.tracking.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.NormalizedStatus;
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
        assertThat(current.from()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(current.previousStatus()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(current.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(late.subStatus()).isEqualTo("in_transit.at_hub");
        Tracking fixed = fold(t, events);
        assertThat(fixed.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(fixed.subStatus()).isNull();
        assertThat(TrackingDecider.decide(fix, fixed)).as("a second run changes nothing").isEmpty();
    }

    @Test
    void anUnmappedCodeIsExceptionUnmappedAndEventsStoredAsUnmappedReadSo() {
        Tracking t = given(new Register("SB1", "sandbox", "s-1", "acme", NOW, null, null), event("SB99", TrackingStatus.UNMAPPED, T1));
        assertThat(t.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(t.subStatus()).isEqualTo("exception.unmapped");
        // an event stored before ADR 0043, as it is in the log
        Tracking legacy = TrackingDecider.evolve(given(new Register("SB1", "sandbox", "s-1", "acme", NOW, null, null)),
                new TrackingEvent.CarrierEventRecorded("SB1", "SB99", TrackingStatus.UNMAPPED, null, "?", null, "POLL", true,
                        false, T1, NOW, null, "sandbox", null));
        assertThat(legacy.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(legacy.subStatus()).isEqualTo("exception.unmapped");
        // re-normalizing it with a table that still does not know the code changes nothing
        assertThat(TrackingDecider.decide(new Renormalize(List.of(new Remap("SB99", T1, NormalizedStatus.UNMAPPED, "?", null,
                "POLL")), NOW), legacy)).isEmpty();
        // a sub-status travels with its event and the state
        Tracking absent = TrackingDecider.evolve(t, TrackingDecider.decide(new RecordCarrierEvent("SB51",
                NormalizedStatus.parse("delivery_failed.recipient_absent"), "Absent", null, "POLL", T2, NOW, null, "sandbox"),
                t).get(0));
        assertThat(absent.status()).isEqualTo(TrackingStatus.DELIVERY_FAILED);
        assertThat(absent.subStatus()).isEqualTo("delivery_failed.recipient_absent");
    }

    private static RecordCarrierEvent event(String code, TrackingStatus status, OffsetDateTime at) {
        return new RecordCarrierEvent(code, status, code, null, "POLL", at, NOW, null, "sandbox");
    }

    private static Remap remap(String code, OffsetDateTime at, TrackingStatus status) {
        return new Remap(code, at, "SB30".equals(code) ? NormalizedStatus.parse("in_transit.at_hub") : NormalizedStatus.of(status),
                code, null, "POLL");
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
