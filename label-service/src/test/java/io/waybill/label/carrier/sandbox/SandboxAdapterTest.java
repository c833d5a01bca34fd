package io.waybill.label.carrier.sandbox;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.label.carrier.CarrierException;
import org.junit.jupiter.api.Test;

class SandboxAdapterTest {

    private final SandboxAdapter sandbox = new SandboxAdapter();

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
}
