package io.waybill.carriers.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTableTest {

    @Test
    void loadsStatusesAndSubStatusesWithNameAndVersionFromTheFileName() {
        StatusTable table = StatusTable.load(StatusTableTest.class, "good.v3.properties");

        assertThat(table.name()).isEqualTo("good");
        assertThat(table.version()).isEqualTo(3);
        assertThat(table.codes()).containsExactlyInAnyOrder("InTransit", "InTransit_Customs", "Absent");
        assertThat(table.normalize("InTransit")).isEqualTo(NormalizedStatus.of(TrackingStatus.IN_TRANSIT));
        assertThat(table.normalize("Absent"))
                .isEqualTo(new NormalizedStatus(TrackingStatus.DELIVERY_FAILED, "delivery_failed.recipient_absent"));
    }

    @Test
    void itListsTheSubStatusesItCanProduceUnmappedIncluded() {
        StatusTable table = StatusTable.load(StatusTableTest.class, "good.v3.properties");

        assertThat(table.subStatuses()).containsExactly("customs.processing", "delivery_failed.recipient_absent",
                "exception.unmapped");
    }

    @Test
    void theMostSpecificKnownCodeWinsAndAnUnknownCodeIsExceptionUnmapped() {
        StatusTable table = StatusTable.load(StatusTableTest.class, "/io/waybill/carriers/spi/good.v3.properties");

        assertThat(table.find("InTransit_Customs", "InTransit")).contains(
                new NormalizedStatus(TrackingStatus.CUSTOMS, "customs.processing"));
        assertThat(table.find("InTransit_Other", "InTransit")).contains(NormalizedStatus.of(TrackingStatus.IN_TRANSIT));
        assertThat(table.find("Nope", null)).isEmpty();
        assertThat(table.normalize("Nope")).isEqualTo(NormalizedStatus.UNMAPPED);
        assertThat(table.normalize(null).unmapped()).isTrue();
        assertThat(NormalizedStatus.UNMAPPED.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(NormalizedStatus.UNMAPPED.subStatus()).isEqualTo("exception.unmapped");
    }

    @ParameterizedTest
    @CsvSource({
            "unknown-status.v1.properties, 'LOST' is not a tracking status",
            "bad-sub-status.v1.properties, not 'delivery_failed.<reason>'",
            "unmapped.v1.properties, UNMAPPED is not for tables",
            "missing.v1.properties, No status table missing.v1.properties"})
    void aBadTableFailsToLoadNamingTheFileAndTheEntry(String file, String why) {
        assertThatThrownBy(() -> StatusTable.load(StatusTableTest.class, file))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file).hasMessageContaining(why);
    }

    @Test
    void aTableFileNamesItsVersion() {
        assertThatThrownBy(() -> StatusTable.load(StatusTableTest.class, "good.properties"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<name>.v<version>.properties");
    }

    @Test
    @SuppressWarnings("deprecation")
    void storedUnmappedEventsReadAsExceptionUnmapped() {
        assertThat(NormalizedStatus.upgrade(TrackingStatus.UNMAPPED, null)).isEqualTo(NormalizedStatus.UNMAPPED);
        assertThat(NormalizedStatus.upgrade(TrackingStatus.DELIVERED, null)).isEqualTo(NormalizedStatus.of(TrackingStatus.DELIVERED));
        assertThatThrownBy(() -> new TrackingUpdate("N1", "x", TrackingStatus.DELIVERED, "c", null, null,
                java.time.OffsetDateTime.now(), null, "exception.damaged")).isInstanceOf(IllegalArgumentException.class);
    }
}
