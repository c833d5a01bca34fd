package io.waybill.returns.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnLabelRequested;
import io.waybill.contracts.PublicEventType;
import io.waybill.contracts.ReturnItem;
import io.waybill.contracts.ReturnRegistered;
import io.waybill.contracts.StockAdjusted;
import io.waybill.contracts.Topics;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.StoredEvent;
import io.waybill.returns.returning.ReturnEvent;
import io.waybill.returns.returning.InspectedItem;
import io.waybill.returns.returning.ReturnEvent.ReturnClosed;
import io.waybill.returns.returning.ReturnEvent.ReturnInTransit;
import io.waybill.returns.returning.ReturnEvent.ReturnInspected;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelFailed;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelIssued;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelOrdered;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import io.waybill.returns.returning.ReturnEvent.ReturnReceived;
import io.waybill.returns.returning.ReturnEvent.StockRestocked;
import io.waybill.returns.returning.ReturnPolicy;
import io.waybill.returns.returning.ReturnEvents;
import io.waybill.returns.returning.ReturnSource;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What leaves the service as ReturnRegistered, checked against the contract's JSON Schema. No Quarkus. */
class ReturnPublicationTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-02T09:00:00-03:00");

    static final JsonSchema SCHEMA = schema(PublicEventType.RETURN_REGISTERED);
    static final JsonSchema STOCK_SCHEMA = schema(PublicEventType.STOCK_ADJUSTED);

    static JsonSchema schema(PublicEventType type) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                        builder -> builder.schemaMappers(m -> m.mapPrefix("https://waybill.io/schemas/", "classpath:schemas/")))
                .getSchema(SchemaLocation.of("classpath:" + type.schemaResource()),
                        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    final ReturnPublication publication = new ReturnPublication();

    static StoredEvent stored(ReturnEvent event) {
        return new StoredEvent(UUID.randomUUID(), ReturnEvents.streamId(event.returnId()), ReturnEvents.STREAM_TYPE, 1, 1,
                ReturnEvents.CODEC.typeOf(event), ReturnEvents.CODEC.encode(event), EventMetadata.of("acme", "s1", "m1"), T0);
    }

    @Test
    void aReturnWithoutItemsStaysPrivateBecauseTheContractRequiresItems() throws Exception {
        var fromStatus = new ReturnOpened(ReturnEvents.carrierReturnId("s1"), "s1", "acme", ReturnSource.STATUS,
                "Returning to sender", List.of(), null, T0, "main", false);
        assertThat(publication.map(stored(fromStatus))).isEmpty();

        // Why: the same return as a ReturnRegistered would be refused by the schema.
        JsonNode wouldBe = ContractsJson.mapper().readTree(ContractsJson.mapper().writeValueAsBytes(new ReturnRegistered(
                fromStatus.returnId(), "s1", "acme", "STATUS", "Returning to sender", List.of(), null, T0)));
        assertThat(SCHEMA.validate(wouldBe)).isNotEmpty();
    }

    @Test
    void aReturnWithItemsIsPublishedAsAValidReturnRegistered() throws Exception {
        var opened = new ReturnOpened("ret_1", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-TSHIRT-M", 2)), "RT998877", T0, "wh-madrid", false);
        OutboundEvent outbound = publication.map(stored(opened)).orElseThrow();

        assertThat(outbound.topic()).isEqualTo(Topics.RETURN_REGISTERED);
        assertThat(outbound.key()).isEqualTo("s1");
        assertThat(outbound.subject()).isEqualTo("s1");
        assertThat(outbound.tenant()).isEqualTo("acme");
        assertThat(outbound.type()).isEqualTo(PublicEventType.RETURN_REGISTERED.cloudEventType());
        assertThat(SCHEMA.validate(ContractsJson.mapper().readTree(outbound.data()))).isEmpty();
        assertThat(ContractsJson.mapper().readValue(outbound.data(), ReturnRegistered.class)).isEqualTo(new ReturnRegistered(
                "ret_1", "s1", "acme", "API", "Wrong size", List.of(new ReturnItem("SKU-TSHIRT-M", 2)), "RT998877", T0));
    }

    @Test
    void aRestockIsPublishedAsAValidStockAdjustedWithItsStableId() throws Exception {
        String adjustmentId = ReturnEvents.adjustmentId("ret_1", "SKU-TSHIRT-M", "wh-madrid");
        var restocked = new StockRestocked("ret_1", adjustmentId, "acme", "s1", "wh-madrid", "SKU-TSHIRT-M", 2,
                "Return ret_1 received: Wrong size", T0);
        OutboundEvent outbound = publication.map(stored(restocked)).orElseThrow();

        assertThat(outbound.topic()).isEqualTo(Topics.STOCK_ADJUSTED);
        assertThat(outbound.key()).isEqualTo("s1");
        assertThat(outbound.tenant()).isEqualTo("acme");
        assertThat(outbound.type()).isEqualTo(PublicEventType.STOCK_ADJUSTED.cloudEventType());
        assertThat(STOCK_SCHEMA.validate(ContractsJson.mapper().readTree(outbound.data()))).isEmpty();
        assertThat(ContractsJson.mapper().readValue(outbound.data(), StockAdjusted.class)).isEqualTo(new StockAdjusted(
                adjustmentId, "acme", "s1", "ret_1", "wh-madrid", "SKU-TSHIRT-M", 2, "Return ret_1 received: Wrong size", T0));
    }

    @Test
    void aReturnLabelOrderIsPublishedAsAValidReturnLabelRequestedKeyedByTheShipment() throws Exception {
        Address customer = new Address("Ana Pérez", null, List.of("Calle Luna 2"), "Madrid", null, "28004", "ES", null, null);
        Address warehouse = new Address("Returns Madrid", null, List.of("Calle Devoluciones 5"), "Getafe", null, "28906",
                "ES", null, null);
        Parcel parcel = new Parcel(400, new Dimensions(300, 200, 100), List.of(new Item("SKU-1", "Shirt", 2, null, null, null)));
        var ordered = new ReturnLabelOrdered("ret_1", "s1", "acme", "koiki", null, "PDF", customer, warehouse,
                List.of(parcel), "ret_1", T0);
        OutboundEvent outbound = publication.map(stored(ordered)).orElseThrow();

        assertThat(outbound.topic()).isEqualTo(Topics.RETURN_LABEL_REQUESTED);
        assertThat(outbound.key()).isEqualTo("s1");
        assertThat(outbound.tenant()).isEqualTo("acme");
        assertThat(outbound.type()).isEqualTo(PublicEventType.RETURN_LABEL_REQUESTED.cloudEventType());
        assertThat(schema(PublicEventType.RETURN_LABEL_REQUESTED).validate(ContractsJson.mapper().readTree(outbound.data())))
                .isEmpty();
        assertThat(ContractsJson.mapper().readValue(outbound.data(), ReturnLabelRequested.class)).isEqualTo(
                new ReturnLabelRequested("ret_1", "s1", "acme", "koiki", null, customer, warehouse, List.of(parcel), "PDF",
                        "ret_1", T0));
        assertThat(publication.map(stored(new ReturnLabelIssued("ret_1", "koiki", "KO123", null, T0)))).isEmpty();
        assertThat(publication.map(stored(new ReturnLabelFailed("ret_1", "koiki", "X", "no", false, T0)))).isEmpty();
    }

    @Test
    void theLifecycleStaysPrivate() {
        for (ReturnEvent event : List.<ReturnEvent>of(new ReturnInTransit("ret_1", "Returning", T0),
                new ReturnReceived("ret_1", ReturnPolicy.INSPECT, T0),
                new ReturnInspected("ret_1", List.of(new InspectedItem("SKU-1", InspectedItem.Outcome.DAMAGED, 1)), T0),
                new ReturnClosed("ret_1", T0))) {
            assertThat(publication.map(stored(event))).as(event.toString()).isEmpty();
        }
    }
}
