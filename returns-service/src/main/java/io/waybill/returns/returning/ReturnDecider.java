package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.InspectedItem.Outcome;
import io.waybill.returns.returning.Return.ReturnStatus;
import io.waybill.returns.returning.Return.StockAdjustment;
import io.waybill.returns.returning.ReturnCommand.Inspect;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommand.RecordReturnLabel;
import io.waybill.returns.returning.ReturnCommand.RecordReturnLabelFailure;
import io.waybill.returns.returning.ReturnCommand.ReportInTransit;
import io.waybill.returns.returning.ReturnCommand.ReportReceived;
import io.waybill.returns.returning.ReturnEvent.ReturnClosed;
import io.waybill.returns.returning.ReturnEvent.ReturnInTransit;
import io.waybill.returns.returning.ReturnEvent.ReturnInspected;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelFailed;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelIssued;
import io.waybill.returns.returning.ReturnEvent.ReturnLabelOrdered;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import io.waybill.returns.returning.ReturnEvent.ReturnReceived;
import io.waybill.returns.returning.ReturnEvent.StockRestocked;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Return aggregate's pure rules: decide (command, state → events) and evolve (state, event → state).
 *
 * <p>Carrier reports are idempotent: a status the return has already reached (or passed) decides
 * nothing. Stock is adjusted at most once per return, on receipt under AUTO_RESTOCK or on
 * inspection; a second adjustment is refused.
 */
public final class ReturnDecider {

    private ReturnDecider() {
    }

    public static List<ReturnEvent> decide(ReturnCommand command, Return state) {
        return switch (command) {
            case OpenReturn open -> open(open, state);
            case ReportInTransit transit -> {
                requireExists(state);
                require(transit.at() != null, "the time of the status is required");
                if (state.status() != ReturnStatus.REGISTERED) {
                    yield List.of(); // already on its way, or further: a redelivery or a late status
                }
                yield List.of(new ReturnInTransit(state.id(), transit.description(), transit.at()));
            }
            case ReportReceived received -> {
                requireExists(state);
                require(received.at() != null, "the time of the status is required");
                require(received.policy() != null, "a restock policy is required");
                if (!state.status().isBefore(ReturnStatus.RECEIVED)) {
                    yield List.of(); // received already (RETURNED delivered twice) or inspected/closed
                }
                List<ReturnEvent> events = new ArrayList<>();
                events.add(new ReturnReceived(state.id(), received.policy(), received.at()));
                if (received.policy() == ReturnPolicy.AUTO_RESTOCK) {
                    events.addAll(restock(state, state.items(), "Return " + state.id() + " received: " + state.reason(),
                            received.at()));
                    events.add(new ReturnClosed(state.id(), received.at()));
                }
                yield events;
            }
            case Inspect inspect -> inspect(inspect, state);
            case RecordReturnLabel label -> {
                requireExists(state);
                require(!blank(label.trackingNumber()), "a return tracking number is required");
                require(label.at() != null, "the time of the label is required");
                if (label.trackingNumber().equals(state.returnTrackingNumber())
                        && (label.carrier() == null || label.carrier().equals(state.returnCarrier()))) {
                    yield List.of(); // the same label again (a redelivery, or webhook and label-service agreeing)
                }
                yield List.of(new ReturnLabelIssued(state.id(), label.carrier(), label.trackingNumber(), label.labelId(),
                        label.at()));
            }
            case RecordReturnLabelFailure failure -> {
                requireExists(state);
                require(failure.at() != null, "the time of the failure is required");
                ReturnLabel current = state.returnLabel();
                if (current != null && (current.status() == ReturnLabel.Status.ISSUED
                        || (current.status() == ReturnLabel.Status.FAILED && failure.at().equals(current.at())
                                && Objects.equals(failure.reasonCode(), current.failureCode())))) {
                    yield List.of(); // a label was issued after all, or the same failure again
                }
                yield List.of(new ReturnLabelFailed(state.id(), failure.carrier(), failure.reasonCode(), failure.reason(),
                        failure.retryable(), failure.at()));
            }
        };
    }

    public static Return evolve(Return state, ReturnEvent event) {
        return switch (event) {
            case ReturnOpened o -> new Return(o.returnId(), o.shipmentId(), o.tenantId(), ReturnStatus.REGISTERED,
                    o.source(), o.reason(), o.items(), o.returnTrackingNumber(), o.openedAt(), o.warehouseId(),
                    o.returnLabelRequested(), null, null, null, List.of(), false, List.of(), null, o.openedAt(), null, null);
            case ReturnInTransit t -> new Return(state.id(), state.shipmentId(), state.tenantId(), ReturnStatus.IN_TRANSIT,
                    state.source(), state.reason(), state.items(), state.returnTrackingNumber(), state.openedAt(),
                    state.warehouseId(), state.returnLabelRequested(), t.at(), state.receivedAt(), state.policy(),
                    state.inspection(), state.stockAdjusted(), state.restocked(), state.closedAt(), t.at(), state.returnCarrier(),
                    state.returnLabel());
            case ReturnReceived r -> new Return(state.id(), state.shipmentId(), state.tenantId(), ReturnStatus.RECEIVED,
                    state.source(), state.reason(), state.items(), state.returnTrackingNumber(), state.openedAt(),
                    state.warehouseId(), state.returnLabelRequested(), state.inTransitAt(), r.at(), r.policy(),
                    state.inspection(), state.stockAdjusted(), state.restocked(), state.closedAt(), r.at(), state.returnCarrier(),
                    state.returnLabel());
            case ReturnInspected i -> new Return(state.id(), state.shipmentId(), state.tenantId(), ReturnStatus.INSPECTED,
                    state.source(), state.reason(), state.items(), state.returnTrackingNumber(), state.openedAt(),
                    state.warehouseId(), state.returnLabelRequested(), state.inTransitAt(), state.receivedAt(),
                    state.policy(), i.items(), state.stockAdjusted(), state.restocked(), state.closedAt(), i.at(),
                    state.returnCarrier(), state.returnLabel());
            case StockRestocked s -> {
                List<StockAdjustment> restocked = new ArrayList<>(state.restocked());
                restocked.add(new StockAdjustment(s.adjustmentId(), s.warehouseId(), s.sku(), s.quantity()));
                yield new Return(state.id(), state.shipmentId(), state.tenantId(), state.status(), state.source(),
                        state.reason(), state.items(), state.returnTrackingNumber(), state.openedAt(), state.warehouseId(),
                        state.returnLabelRequested(), state.inTransitAt(), state.receivedAt(), state.policy(),
                        state.inspection(), true, restocked, state.closedAt(), s.at(), state.returnCarrier(),
                        state.returnLabel());
            }
            case ReturnClosed c -> new Return(state.id(), state.shipmentId(), state.tenantId(), ReturnStatus.CLOSED,
                    state.source(), state.reason(), state.items(), state.returnTrackingNumber(), state.openedAt(),
                    state.warehouseId(), state.returnLabelRequested(), state.inTransitAt(), state.receivedAt(),
                    state.policy(), state.inspection(), state.stockAdjusted(), state.restocked(), c.at(), c.at(),
                    state.returnCarrier(), state.returnLabel());
            case ReturnLabelOrdered o -> withLabel(state, state.returnTrackingNumber(), state.returnCarrier(),
                    new ReturnLabel(ReturnLabel.Status.REQUESTED, o.carrier(), o.service(), o.labelFormat(), null, null,
                            null, null, o.at()), o.at());
            case ReturnLabelIssued issued -> withLabel(state, issued.trackingNumber(), issued.carrier(),
                    (state.returnLabel() == null
                            ? new ReturnLabel(ReturnLabel.Status.REQUESTED, issued.carrier(), null, null, null, null, null,
                                    null, issued.at())
                            : state.returnLabel()).issued(issued.carrier(), issued.labelId(), issued.at()),
                    issued.at());
            case ReturnLabelFailed failed -> withLabel(state, state.returnTrackingNumber(), state.returnCarrier(),
                    (state.returnLabel() == null
                            ? new ReturnLabel(ReturnLabel.Status.REQUESTED, failed.carrier(), null, null, null, null, null,
                                    null, failed.at())
                            : state.returnLabel()).failed(failed.reasonCode(), failed.reason(), failed.retryable(),
                            failed.at()),
                    failed.at());
        };
    }

    private static Return withLabel(Return state, String trackingNumber, String carrier, ReturnLabel label,
            OffsetDateTime at) {
        return new Return(state.id(), state.shipmentId(), state.tenantId(), state.status(), state.source(), state.reason(),
                state.items(), trackingNumber, state.openedAt(), state.warehouseId(),
                state.returnLabelRequested(),
                state.inTransitAt(), state.receivedAt(), state.policy(), state.inspection(), state.stockAdjusted(),
                state.restocked(), state.closedAt(), at, carrier, label);
    }

    /**
     * What is wrong with an inspection of {@code ret}: every SKU must be one of the return's, and per
     * SKU the inspected units (RESTOCK + DAMAGED + MISSING) must be exactly the returned units.
     */
    public static List<ItemViolation> inspectionViolations(Return ret, List<InspectedItem> inspected) {
        List<ItemViolation> violations = new ArrayList<>();
        Map<String, Integer> returned = ReturnableItems.bySku(ret.items());
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (int i = 0; i < inspected.size(); i++) {
            InspectedItem item = inspected.get(i);
            if (!returned.containsKey(item.sku())) {
                violations.add(new ItemViolation("items[" + i + "].sku", "is not an item of this return"));
                continue;
            }
            counted.merge(item.sku(), item.quantity(), Integer::sum);
        }
        returned.forEach((sku, quantity) -> {
            int seen = counted.getOrDefault(sku, 0);
            if (seen != quantity) {
                violations.add(new ItemViolation("items", "SKU " + sku + ": " + quantity + " unit(s) returned, "
                        + seen + " inspected; account for each as RESTOCK, DAMAGED or MISSING"));
            }
        });
        return violations;
    }

    private static List<ReturnEvent> open(OpenReturn open, Return state) {
        requireValid(open);
        if (state.status() != ReturnStatus.NONE) {
            if (!state.tenantId().equals(open.tenantId())) {
                throw new ReturnRuleViolated("Return " + state.id() + " belongs to another tenant");
            }
            if (state.shipmentId().equals(open.shipmentId()) && state.source().carrierReported()
                    && open.source().carrierReported()) {
                return List.of(); // the carrier told us again: still the one return of this shipment
            }
            throw new ReturnRuleViolated("Return " + open.returnId() + " already exists");
        }
        ReturnOpened opened = new ReturnOpened(open.returnId(), open.shipmentId(), open.tenantId(), open.source(),
                open.reason(), open.items(), open.returnTrackingNumber(), open.at(), open.warehouseId(),
                open.returnLabelRequested() || open.label() != null);
        if (open.label() == null) {
            return List.of(opened);
        }
        ReturnLabelOrder label = open.label();
        return List.of(opened, new ReturnLabelOrdered(open.returnId(), open.shipmentId(), open.tenantId(), label.carrier(),
                label.service(), label.labelFormat(), label.sender(), label.recipient(), label.parcels(), label.reference(),
                open.at()));
    }

    private static List<ReturnEvent> inspect(Inspect inspect, Return state) {
        requireExists(state);
        require(inspect.at() != null, "the time of the inspection is required");
        require(!inspect.items().isEmpty(), "an inspection lists the returned items");
        for (InspectedItem item : inspect.items()) {
            require(item != null && !blank(item.sku()) && item.outcome() != null && item.quantity() >= 1,
                    "every inspected item needs a SKU, an outcome and a quantity of at least 1");
        }
        if (state.status() == ReturnStatus.INSPECTED || state.status() == ReturnStatus.CLOSED) {
            if (!state.inspection().isEmpty() && sameInspection(state.inspection(), inspect.items())) {
                return List.of(); // the same inspection sent again
            }
            throw new ReturnRuleViolated("Return " + state.id() + " is " + state.status().name().toLowerCase()
                    + (state.stockAdjusted() ? " and its stock was already adjusted" : ""));
        }
        List<ItemViolation> violations = inspectionViolations(state, inspect.items());
        if (!violations.isEmpty()) {
            throw new UnprocessableReturn("The inspection does not account for the returned items", violations);
        }
        List<ReturnEvent> events = new ArrayList<>();
        if (state.status().isBefore(ReturnStatus.RECEIVED)) {
            // Inspected means it is in the warehouse, whether or not a carrier said so.
            events.add(new ReturnReceived(state.id(), ReturnPolicy.INSPECT, inspect.at()));
        }
        events.add(new ReturnInspected(state.id(), merged(inspect.items()), inspect.at()));
        List<ReturnItem> sellable = inspect.items().stream().filter(i -> i.outcome() == Outcome.RESTOCK)
                .map(i -> new ReturnItem(i.sku(), i.quantity())).toList();
        events.addAll(restock(state, sellable, "Return " + state.id() + " inspected: restocked", inspect.at()));
        events.add(new ReturnClosed(state.id(), inspect.at()));
        return events;
    }

    /** One StockRestocked per SKU into the return's warehouse; refused if this return's stock was already adjusted. */
    static List<ReturnEvent> restock(Return state, List<ReturnItem> items, String reason, OffsetDateTime at) {
        if (state.stockAdjusted()) {
            throw new ReturnRuleViolated("Return " + state.id() + " already adjusted stock; it is never adjusted twice");
        }
        List<ReturnEvent> events = new ArrayList<>();
        ReturnableItems.bySku(items).forEach((sku, quantity) -> {
            if (quantity > 0) {
                events.add(new StockRestocked(state.id(), ReturnEvents.adjustmentId(state.id(), sku, state.warehouseId()),
                        state.tenantId(), state.shipmentId(), state.warehouseId(), sku, quantity, reason, at));
            }
        });
        return events;
    }

    private static List<InspectedItem> merged(List<InspectedItem> items) {
        Map<List<Object>, Integer> sums = new LinkedHashMap<>();
        for (InspectedItem item : items) {
            sums.merge(List.of(item.sku(), item.outcome()), item.quantity(), Integer::sum);
        }
        return sums.entrySet().stream().map(e -> new InspectedItem((String) e.getKey().get(0),
                (Outcome) e.getKey().get(1), e.getValue())).toList();
    }

    private static boolean sameInspection(List<InspectedItem> recorded, List<InspectedItem> again) {
        return Objects.equals(new java.util.HashSet<>(recorded), new java.util.HashSet<>(merged(again)));
    }

    private static void requireExists(Return state) {
        if (state.status() == ReturnStatus.NONE) {
            throw new ReturnRuleViolated("No such return");
        }
    }

    private static void requireValid(OpenReturn open) {
        require(!blank(open.returnId()), "a return id is required");
        require(!blank(open.shipmentId()), "a shipment id is required");
        require(!blank(open.tenantId()), "a tenant is required");
        require(open.source() != null, "a source is required");
        require(!blank(open.reason()), "a reason is required");
        require(open.at() != null, "the time the return was opened is required");
        require(!blank(open.warehouseId()), "a warehouse is required");
        require(open.returnTrackingNumber() == null || !open.returnTrackingNumber().isBlank(),
                "a return tracking number must not be blank");
        require(open.source() != ReturnSource.API || !open.items().isEmpty(), "a return registered through the API has items");
        if (open.label() != null) {
            ReturnLabelOrder label = open.label();
            require(!blank(label.carrier()), "a return label needs a carrier");
            require("PDF".equals(label.labelFormat()) || "ZPL".equals(label.labelFormat()), "a return label is PDF or ZPL");
            require(label.sender() != null && label.recipient() != null, "a return label needs both addresses");
            require(!label.parcels().isEmpty(), "a return label needs a parcel");
            require(!blank(label.reference()), "a return label needs a reference");
        }
        for (ReturnItem item : open.items()) {
            require(item != null && !blank(item.sku()) && item.quantity() >= 1,
                    "every item needs a SKU and a quantity of at least 1");
        }
        // One return per shipment from the carrier: a carrier-reported return must use the derived id.
        require(!open.source().carrierReported() || open.returnId().equals(ReturnEvents.carrierReturnId(open.shipmentId())),
                "a carrier-reported return has the id derived from its shipment");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ReturnRuleViolated("Invalid return: " + message);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
