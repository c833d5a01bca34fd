package io.waybill.label.carriercalls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PublicEvents;
import io.waybill.label.labelling.LabelEvent;
import io.waybill.label.labelling.LabelEvents;
import io.waybill.label.labelling.LabelFixtures;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Label purchases against a carrier that misbehaves: Koiki stood in by WireMock with the payloads of
 * its public integration material, label-service on the real Kafka and PostgreSQL. Koiki honours no
 * idempotency key, so a booking whose answer is lost must not be sent twice (ADR 0050).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_ft_test"))
@QuarkusTestResource(KoikiStandIn.class)
class CarrierOutageTest {

    private static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 koiki".getBytes(StandardCharsets.US_ASCII));

    @Inject
    EventStore store;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void freshCarrier() {
        KoikiStandIn.server.resetAll();
        breakers.resetAll();
    }

    @Test
    void aBookingBecomesLabelGeneratedWithItsLabelIdAndOneCarrierCall() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(booked(shipment, "KOI0000000001")));

        LabelGenerated label = awaitGenerated(shipment);

        assertThat(label.trackingNumber()).isEqualTo("KOI0000000001");
        assertThat(label.labelId()).isNotBlank();
        assertThat(label.cost()).as("Koiki's answer has no price and nothing was quoted").isNull();
        assertThat(createCalls(shipment)).isEqualTo(1);
        assertThat(given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/shipments/" + shipment.shipmentId() + "/label")
                .then().statusCode(200).extract().asByteArray()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aValidationRefusalFailsAtOnceWithTheCarriersMessage() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"respuesta\":\"102\",\"mensaje\":\"CODIGO POSTAL INCORRECTO\"}")));

        LabelFailed failed = awaitFailed(shipment);

        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).isEqualTo("CODIGO POSTAL INCORRECTO");
        assertThat(createCalls(shipment)).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void aServerErrorIsRetriedAndTheSecondTryBuysTheLabel() {
        ShipmentValidated shipment = koikiShipment();
        String scenario = "flaky-" + shipment.shipmentId();
        stub(forReference(shipment).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")).willSetStateTo("up"));
        stub(forReference(shipment).inScenario(scenario).whenScenarioStateIs("up")
                .willReturn(booked(shipment, "KOI0000000002")));

        assertThat(awaitGenerated(shipment).trackingNumber()).isEqualTo("KOI0000000002");
        assertThat(createCalls(shipment)).isEqualTo(2);
    }

    @Test
    void aTimeoutIsNotBookedAgainButReportedForReconciliation() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(booked(shipment, "KOI0000000003").withFixedDelay(4_000)));

        LabelFailed failed = awaitFailed(shipment);

        assertThat(failed.reasonCode()).isEqualTo("KOIKI_TIMEOUT");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.reason()).contains("not bought again", shipment.orderReference());
        assertThat(createCalls(shipment)).as("Koiki takes no idempotency key: one call only").isEqualTo(1);
        assertThat(history(shipment)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LabelPurchaseRequested", "LabelPurchaseUnconfirmed");
    }

    @Test
    void aConnectionResetIsNotBookedAgainEither() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        LabelFailed failed = awaitFailed(shipment);

        assertThat(failed.reasonCode()).isEqualTo("KOIKI_UNAVAILABLE");
        assertThat(failed.retryable()).isFalse();
        assertThat(createCalls(shipment)).isEqualTo(1);
    }

    @Test
    void duplicateDeliveriesBuyOneLabel() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(booked(shipment, "KOI0000000004").withFixedDelay(300)));
        var record = LabelFixtures.cloudEvent(shipment);
        TestKafka.send(record);
        TestKafka.send(record);
        TestKafka.send(LabelFixtures.cloudEvent(shipment)); // same shipment, another event id

        var generated = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 2,
                Duration.ofSeconds(10));
        assertThat(generated).as("exactly one LabelGenerated").hasSize(1);
        assertThat(createCalls(shipment)).as("exactly one booking with the carrier").isEqualTo(1);
    }

    @Test
    void anOutageOpensTheBreakerDelaysLabelsAndLosesNone() throws Exception {
        ShipmentValidated first = koikiShipment();
        ShipmentValidated second = koikiShipment();
        stub(post(urlEqualTo(KoikiStandIn.ALTA)).willReturn(aResponse().withStatus(503)));

        TestKafka.send(LabelFixtures.cloudEvent(first));
        TestKafka.send(LabelFixtures.cloudEvent(second));
        await().atMost(Duration.ofSeconds(20)).until(() -> breakerIs(CircuitBreakerState.OPEN));
        // Open: scheduled retries are not sent (at most one trial call when the 3 s delay ends).
        int whileOpen = allCreateCalls();
        Thread.sleep(2_000);
        assertThat(allCreateCalls() - whileOpen).as("calls while the breaker is open").isLessThanOrEqualTo(1);
        assertThat(TestKafka.await(Topics.LABEL_FAILED, r -> first.shipmentId().equals(r.key())
                || second.shipmentId().equals(r.key()), 1, Duration.ofMillis(500))).as("an outage is no failure").isEmpty();

        // The carrier is back: the breaker closes after its delay and both shipments get their label, once.
        KoikiStandIn.server.resetAll();
        stub(forReference(first).willReturn(booked(first, "KOI0000000005")));
        stub(forReference(second).willReturn(booked(second, "KOI0000000006")));
        assertThat(awaitGenerated(first, 30).trackingNumber()).isEqualTo("KOI0000000005");
        assertThat(awaitGenerated(second, 30).trackingNumber()).isEqualTo("KOI0000000006");
        assertThat(breakerIs(CircuitBreakerState.CLOSED)).as("the breaker closed again").isTrue();
        assertThat(createCalls(first)).isEqualTo(1);
        assertThat(createCalls(second)).isEqualTo(1);
    }

    @Test
    void aCancellationDuringTheBookingVoidsTheLabelOnceItExists() {
        ShipmentValidated shipment = koikiShipment();
        stub(forReference(shipment).willReturn(booked(shipment, "KOI0000000007").withFixedDelay(1_500)));
        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        await().atMost(Duration.ofSeconds(10)).until(() -> createCalls(shipment) == 1);

        TestKafka.send(LabelFixtures.cloudEvent(LabelFixtures.cancellation(shipment), UUID.randomUUID().toString()));

        // Koiki has no cancellation API: the void is tried once the label exists, and fails saying so.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(history(shipment))
                .extracting(e -> e.getClass().getSimpleName()).containsExactly("LabelPurchaseRequested",
                        "LabelCancelledBeforePurchase", "LabelPurchased", "LabelVoidFailed"));
        assertThat(((LabelEvent.LabelVoidFailed) history(shipment).get(3)).reasonCode()).isEqualTo("KOIKI_UNSUPPORTED");
        given().auth().oauth2(TestTokens.erp("acme")).get("/api/v1/shipments/" + shipment.shipmentId() + "/label")
                .then().statusCode(410);
        assertThat(createCalls(shipment)).isEqualTo(1);
    }

    @Test
    void aSlowBookingDoesNotHoldUpShipmentsOfOtherPartitions() {
        ShipmentValidated slow = koikiShipment();
        ShipmentValidated quick = koikiShipment();
        stub(forReference(slow).willReturn(booked(slow, "KOI0000000008").withFixedDelay(2_400)));
        stub(forReference(quick).willReturn(booked(quick, "KOI0000000009")));

        TestKafka.send(onPartition(LabelFixtures.cloudEvent(slow), 0));
        await().atMost(Duration.ofSeconds(10)).until(() -> createCalls(slow) == 1);
        TestKafka.send(onPartition(LabelFixtures.cloudEvent(quick), 1));

        // One consumer at a time would label the quick one only after the slow booking's 2.4 s.
        await().atMost(Duration.ofMillis(1_800)).pollInterval(Duration.ofMillis(50)).until(() -> history(quick).stream()
                .anyMatch(LabelEvent.LabelPurchased.class::isInstance));
        assertThat(history(slow)).as("the slow booking is still in flight").extracting(e -> e.getClass().getSimpleName())
                .containsExactly("LabelPurchaseRequested");
        assertThat(awaitGenerated(quick, 10).trackingNumber()).isEqualTo("KOI0000000009");
        assertThat(awaitGenerated(slow, 10).trackingNumber()).isEqualTo("KOI0000000008");
        assertThat(createCalls(slow)).isEqualTo(1);
    }

    // ---- helpers ----

    private static ProducerRecord<String, byte[]> onPartition(ProducerRecord<String, byte[]> record, int partition) {
        return new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
    }

    /** The configured Koiki account's breaker; it exists from the account's first guarded call on. */
    private boolean breakerIs(CircuitBreakerState state) {
        try {
            return breakers.currentState("carrier-koiki/configured") == state;
        } catch (IllegalArgumentException notCreatedYet) {
            return false;
        }
    }

    private static ShipmentValidated koikiShipment() {
        return LabelFixtures.shipment("ORD-" + UUID.randomUUID(), "koiki", 1);
    }

    private static void stub(MappingBuilder mapping) {
        KoikiStandIn.server.stubFor(mapping);
    }

    private static MappingBuilder forReference(ShipmentValidated shipment) {
        return post(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder booked(ShipmentValidated shipment,
            String number) {
        return okJson("""
                {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"%s",
                 "codBarras":"%s","etiqueta":"%s"}]}""".formatted(shipment.orderReference(), number, PDF));
    }

    private static int createCalls(ShipmentValidated shipment) {
        return KoikiStandIn.server.countRequestsMatching(postRequestedFor(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference()))).build())
                .getCount();
    }

    private static int allCreateCalls() {
        return KoikiStandIn.server.countRequestsMatching(postRequestedFor(urlEqualTo(KoikiStandIn.ALTA)).build()).getCount();
    }

    private static LabelGenerated awaitGenerated(ShipmentValidated shipment) {
        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        return awaitGenerated(shipment, 20);
    }

    private static LabelGenerated awaitGenerated(ShipmentValidated shipment, int seconds) {
        List<ConsumerRecord<String, byte[]>> records = TestKafka.await(Topics.LABEL_GENERATED,
                r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(seconds));
        assertThat(records).as("LabelGenerated for " + shipment.orderReference()).hasSize(1);
        return PublicEvents.read(records.get(0), LabelGenerated.class).event();
    }

    private static LabelFailed awaitFailed(ShipmentValidated shipment) {
        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        List<ConsumerRecord<String, byte[]>> records = TestKafka.await(Topics.LABEL_FAILED,
                r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).as("LabelFailed for " + shipment.orderReference()).hasSize(1);
        return PublicEvents.read(records.get(0), LabelFailed.class).event();
    }

    private List<LabelEvent> history(ShipmentValidated shipment) {
        return store.load(LabelEvents.streamId(shipment.shipmentId())).stream().map(LabelEvents.CODEC::decode).toList();
    }
}
