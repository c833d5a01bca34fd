package io.waybill.label.carriercalls;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.label.labelling.LabelFixtures;
import io.waybill.testing.ServiceDatabase;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while a carrier books a label (bench/faults.sh met it with a PostgreSQL restart): the
 * carrier's answer must still be recorded once the database is back, not left for the lease to end as unconfirmed.
 * The outage is this test's database only: it refuses connections and its sessions are ended for three seconds.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_outage_test"))
@QuarkusTestResource(KoikiStandIn.class)
class DatabaseOutageTest {

    @Test
    void aBookingAnsweredWhileTheDatabaseIsDownIsRecordedOnceItIsBack() throws Exception {
        KoikiStandIn.server.resetAll();
        ShipmentValidated shipment = LabelFixtures.shipment("ORD-" + UUID.randomUUID(), "koiki", 1);
        KoikiStandIn.server.stubFor(post(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference())))
                .willReturn(okJson("""
                        {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"%s",
                         "codBarras":"KOI0000000099","etiqueta":"JVBERi0xLjQga29pa2k="}]}""".formatted(shipment.orderReference()))
                        .withFixedDelay(1_500)));

        TestKafka.send(LabelFixtures.cloudEvent(shipment));
        await().atMost(Duration.ofSeconds(20)).until(() -> bookings(shipment) == 1);
        ServiceDatabase.refuse();
        try {
            Thread.sleep(3_000); // Koiki answers after 1.5 s, with nowhere to record it
        } finally {
            ServiceDatabase.accept();
        }

        // Sooner than the test lease (30 s) after which an unrecorded booking would be reported unconfirmed.
        List<ConsumerRecord<String, byte[]>> generated = TestKafka.await(Topics.LABEL_GENERATED,
                r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(generated).as("LabelGenerated").hasSize(1);
        assertThat(PublicEvents.read(generated.get(0), LabelGenerated.class).event().trackingNumber()).isEqualTo("KOI0000000099");
        assertThat(bookings(shipment)).as("Koiki takes no idempotency key: one booking").isEqualTo(1);
    }

    private static int bookings(ShipmentValidated shipment) {
        return KoikiStandIn.server.countRequestsMatching(postRequestedFor(urlEqualTo(KoikiStandIn.ALTA))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedido", equalTo(shipment.orderReference()))).build())
                .getCount();
    }
}
