package io.waybill.carriers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.TrackingStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxAdapterTest {

    private final SandboxAdapter sandbox = new SandboxAdapter(Clock.fixed(Instant.parse("2025-03-01T12:34:00Z"), ZoneOffset.UTC));

    @Test
    void bookingTheSameShipmentTwiceReturnsTheSameBookingAndItsTariff() throws Exception {
        var shipment = io.waybill.carriers.spi.TestShipments.spanish("ORD-7", "standard");
        var first = sandbox.createShipment(shipment, "key-1");
        var second = sandbox.createShipment(shipment, "key-1");
        assertThat(second.parcelTrackingNumbers()).isEqualTo(first.parcelTrackingNumbers());
        assertThat(sandbox.honoursIdempotencyKey()).isTrue();
        assertThat(first.cost()).isEqualTo(sandbox.quote(shipment).get(0).price());
    }

    @Test
    void voidingSucceedsAlsoForUnknownAndAlreadyVoidedNumbers() {
        String tracking = SandboxAdapter.s10("shp-1#1");
        assertThatCode(() -> sandbox.voidShipment(tracking)).doesNotThrowAnyException();
        assertThatCode(() -> sandbox.voidShipment(tracking)).as("again").doesNotThrowAnyException();
        assertThatCode(() -> sandbox.voidShipment("SB000000000WB")).as("unknown").doesNotThrowAnyException();
    }

    @Test
    void voidingWithoutATrackingNumberIsRefused() {
        assertThatThrownBy(() -> sandbox.voidShipment(" ")).isInstanceOf(CarrierException.class)
                .extracting(e -> ((CarrierException) e).retryable()).isEqualTo(false);
    }

    @Test
    void trackingPlaysADeliveredLifecycleEndingAtTheCurrentHour() {
        List<TrackingUpdate> updates = sandbox.track(List.of("SB123456700WB"));
        assertThat(updates).extracting(TrackingUpdate::status).containsExactly(TrackingStatus.INFO_RECEIVED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
        assertThat(updates.get(4).occurredAt()).isEqualTo("2025-03-01T12:00:00Z");
        // on its way, every event promises delivery at the lifecycle's end; the delivered event promises nothing
        assertThat(updates.subList(0, 4)).extracting(TrackingUpdate::estimatedDelivery)
                .containsOnly(java.time.OffsetDateTime.parse("2025-03-01T12:00:00Z"));
        assertThat(updates.get(4).estimatedDelivery()).isNull();
    }

    @Test
    void serialsEndingInNineAreReturnedAfterFailedAttempts() {
        assertThat(sandbox.track(List.of("SB123456790WB"))).extracting(TrackingUpdate::status)
                .contains(TrackingStatus.DELIVERY_FAILED).endsWith(TrackingStatus.RETURNING, TrackingStatus.RETURNED);
    }

    @Test
    void webhookEventsAreMappedAndUnknownCodesStayUnmapped() throws Exception {
        String body = """
                {"events":[{"number":"SB123456700WB","code":"SB60","occurredAt":"2025-03-01T10:00:00+01:00"},
                           {"number":"SB123456700WB","code":"SB99","occurredAt":"2025-03-01T11:00:00+01:00"}]}""";
        List<TrackingUpdate> updates = sandbox.parseWebhook(body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(updates).extracting(TrackingUpdate::normalized).containsExactly(NormalizedStatus.of(TrackingStatus.DELIVERED),
                NormalizedStatus.UNMAPPED);
        assertThat(updates.get(1).subStatus()).isEqualTo("exception.unmapped");
        assertThat(updates.get(0).occurredAt().getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    }
}
