package io.waybill.label.labelling;

import static io.restassured.RestAssured.given;
import static io.waybill.label.labelling.LabelFixtures.cloudEvent;
import static io.waybill.label.labelling.LabelFixtures.returnOf;
import static io.waybill.label.labelling.LabelFixtures.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.PublicEvents;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** ReturnLabelRequested in, a return label (LabelGenerated with returnId) out, served under the return. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_label_test"))
class ReturnLabelTest {

    @Test
    void aReturnGetsOneLabelOfItsOwnEvenWhenDeliveredThreeTimes() {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 2);
        TestKafka.send(cloudEvent(shipment));
        var outbound = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertThat(outbound).hasSize(1);
        String outboundNumber = PublicEvents.read(outbound.get(0), LabelGenerated.class).event().trackingNumber();

        ReturnLabelRequested wanted = returnOf(shipment, "sandbox");
        ProducerRecord<String, byte[]> record = cloudEvent(wanted, UUID.randomUUID().toString());
        TestKafka.send(record);
        TestKafka.send(record);
        TestKafka.send(cloudEvent(wanted, UUID.randomUUID().toString()));

        var labels = TestKafka.await(Topics.LABEL_GENERATED, r -> shipment.shipmentId().equals(r.key()), 3,
                Duration.ofSeconds(15));
        assertThat(labels).as("the outbound label and exactly one return label").hasSize(2);
        LabelGenerated returnLabel = PublicEvents.read(labels.get(1), LabelGenerated.class).event();
        assertThat(returnLabel.returnId()).isEqualTo(wanted.returnId());
        assertThat(returnLabel.shipmentId()).isEqualTo(shipment.shipmentId());
        assertThat(returnLabel.trackingNumber()).matches("SB[0-9]{9}WB").isNotEqualTo(outboundNumber);
        assertThat(returnLabel.parcels()).hasSize(1);
        assertThat(returnLabel.labelId()).isNotBlank();

        String url = "/api/v1/returns/" + wanted.returnId() + "/label";
        String acme = TestTokens.erp("acme");
        assertThat(given().auth().oauth2(acme).get(url).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray()).startsWith("%PDF".getBytes());
        assertThat(given().auth().oauth2(acme).get(url + "?format=zpl").then().statusCode(200).extract().asString())
                .contains("^FD" + returnLabel.trackingNumber() + "^FS");
        given().auth().oauth2(TestTokens.erp("globex")).get(url).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(acme).get("/api/v1/returns/" + UUID.randomUUID() + "/label").then().statusCode(404);
        given().auth().oauth2(acme).get(url + "?format=png&parcel=-1").then().statusCode(400)
                .contentType("application/problem+json").body("violations.size()", org.hamcrest.Matchers.is(2));
        given().get(url).then().statusCode(401);
        // The shipment's own label is still its outbound one.
        assertThat(given().auth().oauth2(acme).get("/api/v1/shipments/" + shipment.shipmentId() + "/label?format=zpl")
                .then().statusCode(200).extract().asString()).contains("^FD" + outboundNumber + "^FS");
    }

    @Test
    void aReturnWithAnUnknownCarrierFailsWithItsReturnId() {
        ShipmentValidated shipment = shipment("SO-" + UUID.randomUUID(), "sandbox", 1);
        ReturnLabelRequested wanted = returnOf(shipment, "pigeon-post");
        TestKafka.send(cloudEvent(wanted, UUID.randomUUID().toString()));

        var failed = TestKafka.await(Topics.LABEL_FAILED, r -> shipment.shipmentId().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(failed).hasSize(1);
        LabelFailed failure = PublicEvents.read(failed.get(0), LabelFailed.class).event();
        assertThat(failure.returnId()).isEqualTo(wanted.returnId());
        assertThat(failure.reasonCode()).isEqualTo("UNKNOWN_CARRIER");
        assertThat(failure.retryable()).isFalse();
    }
}
