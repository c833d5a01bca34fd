package io.waybill.tracking.normalizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.contracts.TrackingStatus;
import io.waybill.tracking.gettingtrackings.StatusDescriptions;
import io.waybill.tracking.webhooks.SandboxWebhook;
import io.waybill.tracking.webhooks.aggregator.AggregatorWebhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** tracking-service's own tables (aggregator, sandbox webhook) load, and every status has words in every language. */
class NormalizationTablesTest {

    @ParameterizedTest
    @CsvSource({
            "InTransit_CustomsProcessing, customs.processing", "InTransit_CustomsReleased, in_transit.customs_released",
            "InTransit_Arrival, in_transit", "Expired, expired", "Expired_Other, expired",
            "DeliveryFailure_InvalidAddress, delivery_failed.wrong_address", "Exception_Lost, exception.lost",
            "Exception_Damage, exception.damaged", "Exception_Returned, returned", "AttemptFail, delivery_failed",
            "Exception_010, returning", "NotFound, pending"})
    void theCurrentAggregatorTableKnowsCustomsExpiryAndSubStatuses(String code, String expected) {
        assertThat(new AggregatorWebhook(2).normalize(code)).isEqualTo(NormalizedStatus.parse(expected));
    }

    @Test
    void theFirstAggregatorTableStillLoadsAsItWas() {
        AggregatorWebhook v1 = new AggregatorWebhook(1);
        assertThat(v1.normalize("InTransit_CustomsProcessing")).isEqualTo(NormalizedStatus.of(TrackingStatus.IN_TRANSIT));
        assertThat(v1.normalize("Expired")).isEqualTo(NormalizedStatus.of(TrackingStatus.EXCEPTION));
        assertThat(v1.normalize("Teleported_042")).isEqualTo(NormalizedStatus.UNMAPPED);
    }

    @Test
    void theSandboxWebhookTableKnowsItsWordsAndThePluginCodes() {
        assertThat(SandboxWebhook.normalize("IN_CUSTOMS")).isEqualTo(NormalizedStatus.of(TrackingStatus.CUSTOMS));
        assertThat(SandboxWebhook.normalize("SB35")).isEqualTo(NormalizedStatus.parse("customs.held"));
        assertThat(SandboxWebhook.normalize("EXPIRED")).isEqualTo(NormalizedStatus.of(TrackingStatus.EXPIRED));
        assertThat(SandboxWebhook.normalize("SB51").subStatus()).isEqualTo("delivery_failed.recipient_absent");
        assertThat(SandboxWebhook.normalize("LOST_IN_SPACE").unmapped()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "pt", "fr", "sv"})
    void everyStatusIsDescribedInEveryLanguage(String language) {
        for (TrackingStatus status : TrackingStatus.values()) {
            assertThat(StatusDescriptions.describe(status, language)).as(status + " in " + language).isNotBlank();
        }
        if (!language.equals("en")) {
            assertThat(StatusDescriptions.describe(TrackingStatus.CUSTOMS, language))
                    .isNotEqualTo(StatusDescriptions.describe(TrackingStatus.CUSTOMS, "en"));
        }
    }
}
