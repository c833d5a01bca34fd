package io.waybill.carriers.koiki;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.NormalizedStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every code of Koiki's public documentation (shared/CARRIERS.md) is in the table, mapped so. */
class KoikiStatusCodesTest {

    @ParameterizedTest
    @CsvSource({
            "100, info_received.awaiting_parcel", "102, in_transit.received_by_carrier",
            "103, in_transit.recipient_notified", "114, in_transit.delivery_arranged", "108, delivered",
            "111, delivery_failed.recipient_absent", "112, delivery_failed.refused", "113, delivery_failed.wrong_address",
            "906, delivery_failed.cod_not_paid", "900, expired", "901, exception.being_handled", "902, exception.missing",
            "903, exception.diverted", "904, exception.surplus", "905, returning"})
    void documentedCodesAreMapped(String code, String expected) {
        assertThat(KoikiStatusCodes.status(code)).isEqualTo(NormalizedStatus.parse(expected));
    }

    @org.junit.jupiter.api.Test
    void theTableHoldsExactlyTheDocumentedCodes() {
        assertThat(KoikiStatusCodes.TABLE.name()).isEqualTo("koiki");
        assertThat(KoikiStatusCodes.TABLE.codes()).containsExactlyInAnyOrder("100", "102", "103", "114", "108", "111", "112",
                "113", "906", "900", "901", "902", "903", "904", "905");
        assertThat(KoikiStatusCodes.status("101").unmapped()).isTrue();
    }
}
