package io.waybill.returns.returning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.Return.ReturnStatus;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.InspectedItem.Outcome;
import io.waybill.returns.returning.ReturnCommand.Inspect;
import io.waybill.returns.returning.ReturnCommand.ReportInTransit;
import io.waybill.returns.returning.ReturnCommand.ReportReceived;
import io.waybill.returns.returning.ReturnEvent.ReturnClosed;
import io.waybill.returns.returning.ReturnEvent.ReturnInTransit;
import io.waybill.returns.returning.ReturnEvent.ReturnInspected;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import io.waybill.returns.returning.ReturnEvent.ReturnReceived;
import io.waybill.returns.returning.ReturnEvent.StockRestocked;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given events, when a command, then events (or a refusal). No Quarkus, no database. */
class ReturnDeciderTest {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-02T09:00:00-03:00");

    static Return given(ReturnEvent... events) {
        Return state = Return.NONE;
        for (ReturnEvent event : events) {
            state = ReturnDecider.evolve(state, event);
        }
        return state;
    }

    static OpenReturn fromStatus(String shipmentId, String tenant, String reason, OffsetDateTime at) {
        return OpenReturn.reportedByCarrier(shipmentId, tenant, ReturnSource.STATUS, reason, List.of(), null, at, "main");
    }

    static final String RETURN_OF_S1 = ReturnEvents.carrierReturnId("s1");
    static final ReturnOpened OPENED = new ReturnOpened(RETURN_OF_S1, "s1", "acme", ReturnSource.STATUS,
            "Returning to sender", List.of(), null, T0, "main", false);

    @Test
    void aReturningStatusOpensAReturnWithoutItems() {
        List<ReturnEvent> events = ReturnDecider.decide(fromStatus("s1", "acme", "Returning to sender", T0), given());
        assertThat(events).containsExactly(OPENED);

        Return opened = given(events.toArray(ReturnEvent[]::new));
        assertThat(opened.status()).isEqualTo(ReturnStatus.REGISTERED);
        assertThat(opened.warehouseId()).isEqualTo("main");
        assertThat(opened.id()).isEqualTo(RETURN_OF_S1);
        assertThat(opened.shipmentId()).isEqualTo("s1");
        assertThat(opened.tenantId()).isEqualTo("acme");
        assertThat(opened.source()).isEqualTo(ReturnSource.STATUS);
        assertThat(opened.items()).isEmpty();
        assertThat(opened.returnTrackingNumber()).isNull();
        assertThat(opened.openedAt()).isEqualTo(T0);
    }

    @Test
    void reportingTheSameShipmentAgainFromTheCarrierIsANoOp() {
        Return opened = given(OPENED);
        // RETURNED after RETURNING, or the same status under another message id.
        assertThat(ReturnDecider.decide(fromStatus("s1", "acme", "Returned to sender", T0.plusDays(2)), opened)).isEmpty();
        // The carrier's own return report for the same shipment.
        var carrier = OpenReturn.reportedByCarrier("s1", "acme", ReturnSource.CARRIER, "Refused",
                List.of(new ReturnItem("SKU-1", 1)), "RT123", T0.plusDays(1), "main");
        assertThat(ReturnDecider.decide(carrier, opened)).isEmpty();
    }

    @Test
    void theCarrierReturnIdIsDerivedFromTheShipmentSoTwoReportsShareOneStream() {
        assertThat(ReturnEvents.carrierReturnId("s1")).isEqualTo(ReturnEvents.carrierReturnId("s1"))
                .isNotEqualTo(ReturnEvents.carrierReturnId("s2")).startsWith("ret_");
        assertThat(fromStatus("s1", "acme", "a", T0).returnId()).isEqualTo(fromStatus("s1", "acme", "b", T0.plusDays(1)).returnId());
        assertThat(ReturnEvents.streamId(RETURN_OF_S1)).isEqualTo("return-" + RETURN_OF_S1);
    }

    @Test
    void aCarrierReportedReturnUnderAnotherIdIsRefused() {
        var elsewhere = new OpenReturn("ret_random", "s1", "acme", ReturnSource.STATUS, "Returning", List.of(), null, T0,
                "main", false);
        assertThatThrownBy(() -> ReturnDecider.decide(elsewhere, given())).isInstanceOf(ReturnRuleViolated.class)
                .hasMessageContaining("derived");
    }

    @Test
    void anotherTenantCannotReportTheSameShipment() {
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "globex", "Returning", T0), given(OPENED)))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("another tenant");
    }

    @Test
    void aReturnRegisteredThroughTheApiCannotBeOpenedTwice() {
        var api = new OpenReturn("ret_api_1", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 2)), null, T0, "main", false);
        List<ReturnEvent> events = ReturnDecider.decide(api, given());
        assertThat(events).singleElement().isInstanceOfSatisfying(ReturnOpened.class,
                opened -> assertThat(opened.items()).containsExactly(new ReturnItem("SKU-1", 2)));
        assertThatThrownBy(() -> ReturnDecider.decide(api, given(events.toArray(ReturnEvent[]::new))))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("already exists");
    }

    @Test
    void incompleteReturnsAreRefused() {
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "acme", " ", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "", "Returning", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("tenant");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("", "acme", "Returning", T0), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("shipment");
        assertThatThrownBy(() -> ReturnDecider.decide(fromStatus("s1", "acme", "Returning", null), given()))
                .isInstanceOf(ReturnRuleViolated.class);
        var noQuantity = new OpenReturn("ret_api_2", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 0)), null, T0, "main", false);
        assertThatThrownBy(() -> ReturnDecider.decide(noQuantity, given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("quantity");
    }

    @Test
    void eventsSurviveTheStoredJsonRoundTrip() {
        var withItems = new ReturnOpened("ret_api_3", "s1", "acme", ReturnSource.API, "Wrong size",
                List.of(new ReturnItem("SKU-1", 2)), "RT999", T0, "wh-madrid", true);
        List<ReturnEvent> all = new java.util.ArrayList<>(List.of(OPENED, withItems));
        all.addAll(inspected(given(API_OPENED)));
        all.add(new ReturnInTransit(API_ID, "Returning", T0));
        for (ReturnEvent event : all) {
            String type = ReturnEvents.CODEC.typeOf(event);
            assertThat(ReturnEvents.CODEC.decode(type, ReturnEvents.CODEC.encode(event))).isEqualTo(event);
        }
    }

    // ------------------------------------------------------------------ lifecycle and stock

    static final String API_ID = "ret_api_9";
    static final ReturnOpened API_OPENED = new ReturnOpened(API_ID, "s9", "acme", ReturnSource.API, "Wrong size",
            List.of(new ReturnItem("SKU-A", 2), new ReturnItem("SKU-B", 1)), null, T0, "wh-madrid", false);

    static List<ReturnEvent> inspected(Return state) {
        return ReturnDecider.decide(new Inspect(List.of(new InspectedItem("SKU-A", Outcome.RESTOCK, 1),
                new InspectedItem("SKU-A", Outcome.DAMAGED, 1), new InspectedItem("SKU-B", Outcome.MISSING, 1)),
                T0.plusDays(5)), state);
    }

    @Test
    void theCarrierMovesTheReturnThroughTransitAndReceiptOnceEach() {
        List<ReturnEvent> transit = ReturnDecider.decide(new ReportInTransit("Returning", T0.plusDays(1)), given(API_OPENED));
        assertThat(transit).containsExactly(new ReturnInTransit(API_ID, "Returning", T0.plusDays(1)));
        Return inTransit = given(API_OPENED, transit.get(0));
        assertThat(inTransit.status()).isEqualTo(ReturnStatus.IN_TRANSIT);
        assertThat(inTransit.inTransitAt()).isEqualTo(T0.plusDays(1));
        // RETURNING again: nothing.
        assertThat(ReturnDecider.decide(new ReportInTransit("Returning", T0.plusDays(2)), inTransit)).isEmpty();

        List<ReturnEvent> receipt = ReturnDecider.decide(new ReportReceived(ReturnPolicy.INSPECT, T0.plusDays(3)), inTransit);
        assertThat(receipt).containsExactly(new ReturnReceived(API_ID, ReturnPolicy.INSPECT, T0.plusDays(3)));
        Return received = given(API_OPENED, transit.get(0), receipt.get(0));
        assertThat(received.status()).isEqualTo(ReturnStatus.RECEIVED);
        assertThat(received.stockAdjusted()).isFalse();
        // RETURNED again (another message id), and a late RETURNING: nothing.
        assertThat(ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0.plusDays(4)), received)).isEmpty();
        assertThat(ReturnDecider.decide(new ReportInTransit("Returning", T0.plusDays(4)), received)).isEmpty();
    }

    @Test
    void underAutoRestockReceiptAdjustsStockPerSkuWithStableIdsAndCloses() {
        List<ReturnEvent> events = ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0.plusDays(3)),
                given(API_OPENED));
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo(new ReturnReceived(API_ID, ReturnPolicy.AUTO_RESTOCK, T0.plusDays(3)));
        assertThat(events.subList(1, 3)).allSatisfy(e -> assertThat(e).isInstanceOf(StockRestocked.class));
        StockRestocked a = (StockRestocked) events.get(1);
        StockRestocked b = (StockRestocked) events.get(2);
        assertThat(a).isEqualTo(new StockRestocked(API_ID, ReturnEvents.adjustmentId(API_ID, "SKU-A", "wh-madrid"), "acme", "s9",
                "wh-madrid", "SKU-A", 2, a.reason(), T0.plusDays(3)));
        assertThat(b.sku()).isEqualTo("SKU-B");
        assertThat(b.quantity()).isEqualTo(1);
        assertThat(a.adjustmentId()).isNotEqualTo(b.adjustmentId())
                .isEqualTo(ReturnEvents.adjustmentId(API_ID, "SKU-A", "wh-madrid"))
                .isNotEqualTo(ReturnEvents.adjustmentId(API_ID, "SKU-A", "wh-bogota"))
                .isNotEqualTo(ReturnEvents.adjustmentId("ret_other", "SKU-A", "wh-madrid"));
        assertThat(java.util.UUID.fromString(a.adjustmentId()).version()).isEqualTo(3);
        assertThat(events.get(3)).isEqualTo(new ReturnClosed(API_ID, T0.plusDays(3)));

        Return closed = given(concat(API_OPENED, events));
        assertThat(closed.status()).isEqualTo(ReturnStatus.CLOSED);
        assertThat(closed.stockAdjusted()).isTrue();
        assertThat(closed.restocked()).extracting(Return.StockAdjustment::sku).containsExactly("SKU-A", "SKU-B");
        // Delivered twice: nothing more, and an inspection cannot restock again.
        assertThat(ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0.plusDays(4)), closed)).isEmpty();
        assertThatThrownBy(() -> inspected(closed)).isInstanceOf(ReturnRuleViolated.class)
                .hasMessageContaining("already adjusted");
    }

    @Test
    void theDeciderNeverAdjustsTheSameReturnsStockTwice() {
        Return restocked = given(concat(API_OPENED,
                ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0), given(API_OPENED))));
        assertThatThrownBy(() -> ReturnDecider.restock(restocked, restocked.items(), "again", T0))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("never adjusted twice");
    }

    @Test
    void underInspectNothingIsRestockedUntilTheInspectionThenOnlyRestockItems() {
        List<ReturnEvent> receipt = ReturnDecider.decide(new ReportReceived(ReturnPolicy.INSPECT, T0.plusDays(3)),
                given(API_OPENED));
        assertThat(receipt).noneMatch(StockRestocked.class::isInstance);
        Return received = given(concat(API_OPENED, receipt));
        assertThat(received.restocked()).isEmpty();

        List<ReturnEvent> events = inspected(received);
        assertThat(events.get(0)).isEqualTo(new ReturnInspected(API_ID, List.of(new InspectedItem("SKU-A", Outcome.RESTOCK, 1),
                new InspectedItem("SKU-A", Outcome.DAMAGED, 1), new InspectedItem("SKU-B", Outcome.MISSING, 1)), T0.plusDays(5)));
        assertThat(events).filteredOn(StockRestocked.class::isInstance).singleElement()
                .isInstanceOfSatisfying(StockRestocked.class, s -> {
                    assertThat(s.sku()).isEqualTo("SKU-A");
                    assertThat(s.quantity()).isEqualTo(1);
                    assertThat(s.warehouseId()).isEqualTo("wh-madrid");
                });
        assertThat(events.getLast()).isInstanceOf(ReturnClosed.class);

        List<ReturnEvent> history = new java.util.ArrayList<>(receipt);
        history.addAll(events);
        Return closed = given(concat(API_OPENED, history));
        assertThat(closed.status()).isEqualTo(ReturnStatus.CLOSED);
        assertThat(closed.inspection()).hasSize(3);
        // The same inspection again is a no-op; another one is refused.
        assertThat(inspected(closed)).isEmpty();
        assertThatThrownBy(() -> ReturnDecider.decide(new Inspect(List.of(new InspectedItem("SKU-A", Outcome.RESTOCK, 2),
                new InspectedItem("SKU-B", Outcome.RESTOCK, 1)), T0.plusDays(6)), closed))
                .isInstanceOf(ReturnRuleViolated.class);
    }

    @Test
    void anInspectionBeforeAnyCarrierReceiptImpliesTheReceipt() {
        List<ReturnEvent> events = inspected(given(API_OPENED));
        assertThat(events.get(0)).isEqualTo(new ReturnReceived(API_ID, ReturnPolicy.INSPECT, T0.plusDays(5)));
        assertThat(events.get(1)).isInstanceOf(ReturnInspected.class);
        // The carrier's RETURNED afterwards changes nothing.
        Return closed = given(concat(API_OPENED, events));
        assertThat(ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0.plusDays(6)), closed)).isEmpty();
    }

    @Test
    void anInspectionMustAccountForEveryReturnedUnit() {
        Return opened = given(API_OPENED);
        var wrong = new Inspect(List.of(new InspectedItem("SKU-A", Outcome.RESTOCK, 3), new InspectedItem("SKU-Z", Outcome.RESTOCK, 1)),
                T0);
        assertThatThrownBy(() -> ReturnDecider.decide(wrong, opened)).isInstanceOfSatisfying(UnprocessableReturn.class,
                e -> assertThat(e.violations()).extracting(ItemViolation::field)
                        .containsExactly("items[1].sku", "items", "items"));
        assertThatThrownBy(() -> ReturnDecider.decide(new Inspect(List.of(), T0), opened)).isInstanceOf(ReturnRuleViolated.class);
    }

    @Test
    void statusesAndInspectionsNeedAReturn() {
        assertThatThrownBy(() -> ReturnDecider.decide(new ReportInTransit("x", T0), given())).isInstanceOf(ReturnRuleViolated.class);
        assertThatThrownBy(() -> ReturnDecider.decide(new ReportReceived(ReturnPolicy.INSPECT, T0), given()))
                .isInstanceOf(ReturnRuleViolated.class);
        assertThatThrownBy(() -> inspected(given())).isInstanceOf(ReturnRuleViolated.class);
    }

    @Test
    void aReturnWithoutItemsReceivedUnderAutoRestockClosesWithoutAdjustingStock() {
        List<ReturnEvent> events = ReturnDecider.decide(new ReportReceived(ReturnPolicy.AUTO_RESTOCK, T0), given(OPENED));
        assertThat(events).containsExactly(new ReturnReceived(RETURN_OF_S1, ReturnPolicy.AUTO_RESTOCK, T0),
                new ReturnClosed(RETURN_OF_S1, T0));
    }

    static ReturnEvent[] concat(ReturnEvent first, List<ReturnEvent> rest) {
        List<ReturnEvent> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all.toArray(ReturnEvent[]::new);
    }

    static final io.waybill.contracts.Address CUSTOMER = new io.waybill.contracts.Address("Ana", null, List.of("Luna 2"),
            "Madrid", null, "28004", "ES", null, null);
    static final io.waybill.contracts.Address WAREHOUSE = new io.waybill.contracts.Address("Returns", null,
            List.of("Devoluciones 5"), "Getafe", null, "28906", "ES", null, null);
    static final io.waybill.contracts.Parcel PARCEL = new io.waybill.contracts.Parcel(500,
            new io.waybill.contracts.Dimensions(300, 200, 100), List.of());

    @Test
    void anApiReturnWithALabelOrdersItInTheSameDecisionThenRecordsItsNumberOnce() {
        ReturnLabelOrder order = new ReturnLabelOrder("koiki", null, "PDF", CUSTOMER, WAREHOUSE, List.of(PARCEL), "ret_9");
        List<ReturnEvent> opened = ReturnDecider.decide(new OpenReturn("ret_9", "s9", "acme", ReturnSource.API, "Too big",
                List.of(new ReturnItem("SKU-1", 1)), null, T0, "RET-1", false, order), given());
        assertThat(opened).hasSize(2);
        assertThat(opened.get(1)).isEqualTo(new ReturnEvent.ReturnLabelOrdered("ret_9", "s9", "acme", "koiki", null, "PDF",
                CUSTOMER, WAREHOUSE, List.of(PARCEL), "ret_9", T0));
        Return requested = given(opened.toArray(ReturnEvent[]::new));
        assertThat(requested.returnLabelRequested()).isTrue();
        assertThat(requested.returnLabel().status()).isEqualTo(ReturnLabel.Status.REQUESTED);

        var label = new ReturnCommand.RecordReturnLabel("koiki", "KOR1", "lbl_1", T0.plusHours(1));
        List<ReturnEvent> issued = ReturnDecider.decide(label, requested);
        assertThat(issued).containsExactly(new ReturnEvent.ReturnLabelIssued("ret_9", "koiki", "KOR1", "lbl_1", T0.plusHours(1)));
        Return withNumber = ReturnDecider.evolve(requested, issued.get(0));
        assertThat(withNumber.returnTrackingNumber()).isEqualTo("KOR1");
        assertThat(withNumber.returnCarrier()).isEqualTo("koiki");
        assertThat(withNumber.returnLabel().status()).isEqualTo(ReturnLabel.Status.ISSUED);
        assertThat(withNumber.returnLabel().labelId()).isEqualTo("lbl_1");
        assertThat(ReturnDecider.decide(label, withNumber)).as("redelivered").isEmpty();
        // A failure reported after the label was issued (a retry that succeeded) changes nothing.
        assertThat(ReturnDecider.decide(new ReturnCommand.RecordReturnLabelFailure("koiki", "DOWN", "503", true, T0),
                withNumber)).isEmpty();
    }

    @Test
    void aLabelFailureIsRecordedOnceWithItsReason() {
        ReturnLabelOrder order = new ReturnLabelOrder("koiki", "return", "ZPL", CUSTOMER, WAREHOUSE, List.of(PARCEL), "R");
        Return requested = given(ReturnDecider.decide(new OpenReturn("ret_8", "s8", "acme", ReturnSource.API, "Late",
                List.of(new ReturnItem("SKU-1", 1)), null, T0, "RET-1", true, order), given()).toArray(ReturnEvent[]::new));
        var failure = new ReturnCommand.RecordReturnLabelFailure("koiki", "INVALID_POSTAL_CODE", "Not served", false,
                T0.plusMinutes(1));
        List<ReturnEvent> failed = ReturnDecider.decide(failure, requested);
        assertThat(failed).hasSize(1);
        Return state = ReturnDecider.evolve(requested, failed.get(0));
        assertThat(state.returnLabel()).isEqualTo(new ReturnLabel(ReturnLabel.Status.FAILED, "koiki", "return", "ZPL", null,
                "INVALID_POSTAL_CODE", "Not served", false, T0.plusMinutes(1)));
        assertThat(ReturnDecider.decide(failure, state)).as("redelivered").isEmpty();
    }

    @Test
    void anIncompleteLabelOrderIsRefused() {
        ReturnLabelOrder noParcel = new ReturnLabelOrder("koiki", null, "PDF", CUSTOMER, WAREHOUSE, List.of(), "R");
        assertThatThrownBy(() -> ReturnDecider.decide(new OpenReturn("ret_7", "s7", "acme", ReturnSource.API, "x",
                List.of(new ReturnItem("SKU-1", 1)), null, T0, "RET-1", true, noParcel), given()))
                .isInstanceOf(ReturnRuleViolated.class).hasMessageContaining("parcel");
    }
}
