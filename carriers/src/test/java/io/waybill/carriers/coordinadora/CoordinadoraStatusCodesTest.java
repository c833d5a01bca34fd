package io.waybill.carriers.coordinadora;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.NormalizedStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The (ASSUMED, see the table file) estados and novedades are in the table, mapped so. */
class CoordinadoraStatusCodesTest {

    @ParameterizedTest
    @CsvSource({
            "estado/1, info_received", "estado/2, in_transit.picked_up", "estado/3, in_transit.origin_terminal",
            "estado/4, in_transit", "estado/5, in_transit.destination_terminal", "estado/6, out_for_delivery",
            "estado/7, delivered", "estado/8, returning", "estado/9, returned", "estado/10, cancelled",
            "novedad/1, delivery_failed.recipient_absent", "novedad/2, delivery_failed.wrong_address",
            "novedad/3, delivery_failed.refused", "novedad/4, exception.damaged", "novedad/5, exception.lost",
            "novedad/6, returning.requested"})
    void estadosAndNovedadesAreMapped(String code, String expected) {
        assertThat(CoordinadoraStatusCodes.status(code)).isEqualTo(NormalizedStatus.parse(expected));
    }

    @Test
    void aCodeOfTheOtherListOrWithoutItsListIsUnmapped() {
        assertThat(CoordinadoraStatusCodes.TABLE.codes()).hasSize(16);
        assertThat(CoordinadoraStatusCodes.status("novedad/7").unmapped()).isTrue();
        assertThat(CoordinadoraStatusCodes.status("7").unmapped()).isTrue();
        assertThat(CoordinadoraStatusCodes.status(null).unmapped()).isTrue();
    }
}
