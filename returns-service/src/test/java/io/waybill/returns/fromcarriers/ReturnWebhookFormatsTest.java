package io.waybill.returns.fromcarriers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.returns.fromcarriers.ReturnWebhookFormats.MalformedReturnWebhook;
import io.waybill.returns.returning.CarrierReport.Stage;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ReturnWebhookFormatsTest {

    @Test
    void aSandboxReturnIsReadWithItsStage() throws Exception {
        CarrierReturnNotice notice = ReturnWebhookFormats.parse("sandbox", """
                {"trackingNumber": "SBX1", "returnTrackingNumber": "SBXR1", "code": "RETURN_IN_TRANSIT",
                 "reason": "Too small", "occurredAt": "2026-12-02T09:00:00-03:00"}""");
        assertThat(notice).isEqualTo(new CarrierReturnNotice("sandbox", "SBX1", "SBXR1", Stage.IN_TRANSIT,
                "RETURN_IN_TRANSIT", "Too small", OffsetDateTime.parse("2026-12-02T09:00:00-03:00")));
    }

    @Test
    void aKoikiReturnIsReadInItsAssumedShapeWithKoikisTimeFormat() throws Exception {
        CarrierReturnNotice notice = ReturnWebhookFormats.parse("koiki", """
                {"codBarras": "KOR123", "codBarrasOriginal": "KO999", "numPedidoOriginal": "PO-1", "devolucion": true,
                 "code": 108, "codEstado": "Envío entregado", "date": "2021-07-26T09:49:37+0000"}""");
        assertThat(notice.stage()).isEqualTo(Stage.RECEIVED);
        assertThat(notice.outboundTrackingNumber()).isEqualTo("KO999");
        assertThat(notice.returnTrackingNumber()).isEqualTo("KOR123");
        assertThat(notice.reason()).isEqualTo("Envío entregado");
        assertThat(notice.occurredAt().toInstant()).isEqualTo(Instant.parse("2021-07-26T09:49:37Z"));
        // A status that moves no return (112 refused) is read, with no stage.
        assertThat(ReturnWebhookFormats.parse("koiki", """
                {"codBarras": "KOR123", "codBarrasOriginal": "KO999", "code": "112", "date": "2021-07-26T09:49:37+0000"}""")
                .stage()).isNull();
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThatThrownBy(() -> ReturnWebhookFormats.parse("sandbox", """
                {"returnTrackingNumber": 7, "code": "LOST", "occurredAt": "yesterday"}"""))
                .isInstanceOfSatisfying(MalformedReturnWebhook.class, e -> assertThat(e.violations())
                        .extracting(v -> v[0]).containsExactlyInAnyOrder("trackingNumber", "returnTrackingNumber",
                                "occurredAt", "code"));
        assertThatThrownBy(() -> ReturnWebhookFormats.parse("koiki", "[1]")).isInstanceOf(MalformedReturnWebhook.class);
        assertThatThrownBy(() -> ReturnWebhookFormats.parse("koiki", "not json")).isInstanceOf(MalformedReturnWebhook.class);
    }

    @Test
    void theSignatureCoversTimeAndBodyWithinFiveMinutes() {
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.sign("s3cret", now, "{}");
        assertThat(WebhookSignature.problem("s3cret", header, "{}", Instant.now())).isNull();
        assertThat(WebhookSignature.problem("other", header, "{}", Instant.now())).isEqualTo("signature does not match");
        assertThat(WebhookSignature.problem("s3cret", header, "{ }", Instant.now())).isEqualTo("signature does not match");
        assertThat(WebhookSignature.problem("s3cret", WebhookSignature.sign("s3cret", now - 301, "{}"), "{}", Instant.now()))
                .contains("window");
        assertThat(WebhookSignature.problem("s3cret", null, "{}", Instant.now())).contains("missing");
    }
}
