package io.waybill.fulfillment.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.PublicEventType;
import io.waybill.contracts.StockLevel;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.StoredEvent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderCancelled;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderReceived;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderShipped;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.SendAttemptFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.WarehouseStepReached;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvents;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import io.waybill.fulfillment.stocktaking.StockEvent.StockLevelsRead;
import io.waybill.fulfillment.stocktaking.StockLedger;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every public event the service maps is valid against the contract's JSON Schema; private ones stay private. */
class FulfillmentPublicationTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-25T14:30:00+01:00");
    static final EventMetadata METADATA = EventMetadata.of("acme", "s1", null).with("partner", "ongoing")
            .with("partnerReference", "4711");

    final FulfillmentPublication publication = new FulfillmentPublication();

    @Test
    void shippedStepsAndFailuresAreValidCarrierEvents() throws Exception {
        assertValid(PublicEventType.LABEL_GENERATED, publication.map(stored(new OrderShipped("s1", "postnord", "MYPACK", "PN1",
                List.of(new ParcelLabel(1, "PN1")), "POLL", AT))).orElseThrow());
        OutboundEvent step = publication.map(stored(new WarehouseStepReached("s1", Step.PICKED, "400", "Plockad", "POLL", AT)))
                .orElseThrow();
        assertValid(PublicEventType.STATUS_CHANGED, step);
        assertThat(new String(step.data())).contains("\"trackingNumber\":\"4711\"", "\"status\":\"INFO_RECEIVED\"",
                "\"carrier\":\"ongoing\"");
        // contract v1.1: a code no table knows is EXCEPTION / exception.unmapped (UNMAPPED is legacy), the raw code kept
        OutboundEvent unmapped = publication.map(stored(new WarehouseStepReached("s1", Step.UNMAPPED, "777", null, "WEBHOOK", AT)))
                .orElseThrow();
        assertValid(PublicEventType.STATUS_CHANGED, unmapped);
        assertThat(new String(unmapped.data())).contains("\"status\":\"EXCEPTION\"", "\"subStatus\":\"exception.unmapped\"",
                "\"carrierCode\":\"777\"", "\"description\":\"Warehouse: unmapped\"").doesNotContain("UNMAPPED");
        assertThat(new String(step.data())).doesNotContain("subStatus");
        OutboundEvent failed = publication.map(stored(new OrderFailed("s1", "OUT_OF_STOCK", "No SKU-1", AT))).orElseThrow();
        assertValid(PublicEventType.LABEL_FAILED, failed);
        assertThat(new String(failed.data())).contains("\"retryable\":false");
    }

    @Test
    void stockReportsAreValidAndKeyedByWarehouse() throws Exception {
        StockLevelsRead read = new StockLevelsRead("stk_1", "acme", "ongoing", "STO", List.of(new StockLevel("SKU-1", 4, 3, null)),
                "GET /articles", AT);
        StoredEvent stored = new StoredEvent(UUID.randomUUID(), StockLedger.streamId("acme", "ongoing", "STO"),
                StockLedger.STREAM_TYPE, 1, 1, StockLedger.CODEC.typeOf(read), StockLedger.CODEC.encode(read), METADATA, AT);
        OutboundEvent outbound = publication.map(stored).orElseThrow();
        assertValid(PublicEventType.STOCK_LEVEL_REPORTED, outbound);
        assertThat(outbound.key()).isEqualTo("stock/ongoing/STO");
    }

    @Test
    void theOrdersOwnBookkeepingIsNotPublished() {
        Address to = new Address("Sara", null, List.of("Storgatan 12"), "Göteborg", null, "41138", "SE", null, null);
        PartnerOrder order = new PartnerOrder("s1", "acme", "SO-1", null, to, to, List.of(), null, null, AT);
        for (FulfillmentOrderEvent event : List.of(new OrderReceived("s1", "acme", "ongoing", order, AT),
                new OrderSent("s1", "4711", AT), new SendAttemptFailed("s1", 1, "X", "down", AT), new OrderCancelled("s1", "r", AT))) {
            assertThat(publication.map(stored(event))).as(event.getClass().getSimpleName()).isEmpty();
        }
    }

    static StoredEvent stored(FulfillmentOrderEvent event) {
        return new StoredEvent(UUID.randomUUID(), FulfillmentOrderEvents.streamId("s1"), FulfillmentOrderEvents.STREAM_TYPE, 1, 1,
                FulfillmentOrderEvents.CODEC.typeOf(event), FulfillmentOrderEvents.CODEC.encode(event), METADATA, AT);
    }

    static void assertValid(PublicEventType type, OutboundEvent outbound) throws Exception {
        assertThat(outbound.topic()).isEqualTo(type.topic());
        assertThat(outbound.type()).isEqualTo(type.cloudEventType());
        assertThat(outbound.tenant()).isEqualTo("acme");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                        builder -> builder.schemaMappers(m -> m.mapPrefix("https://waybill.io/schemas/", "classpath:schemas/")))
                .getSchema(SchemaLocation.of("classpath:" + type.schemaResource()),
                        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        assertThat(schema.validate(ContractsJson.mapper().readTree(outbound.data()))).as(type + " " + new String(outbound.data()))
                .isEmpty();
    }
}
