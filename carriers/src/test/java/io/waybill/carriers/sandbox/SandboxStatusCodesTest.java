package io.waybill.carriers.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.NormalizedStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every sandbox code has a table entry and its own words. */
class SandboxStatusCodesTest {

    @ParameterizedTest
    @CsvSource({
            "SB10, info_received", "SB20, in_transit.picked_up", "SB30, in_transit.at_hub", "SB35, customs.held",
            "SB36, in_transit.customs_released", "SB40, out_for_delivery", "SB51, delivery_failed.recipient_absent",
            "SB60, delivered", "SB70, returning", "SB80, returned", "SB90, expired"})
    void everyCodeIsMappedAndWorded(String code, String expected) {
        assertThat(SandboxStatusCodes.status(code)).isEqualTo(NormalizedStatus.parse(expected));
        assertThat(SandboxStatusCodes.description(code)).doesNotStartWith("Unknown");
        assertThat(SandboxStatusCodes.TABLE.codes()).hasSize(11);
    }
}
