package io.waybill.fulfillment.ordering;

import io.waybill.contracts.ParcelLabel;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Cancellation;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ApplyUpdate;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.Cancel;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ReceiveOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordCancelSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSendFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancelAttemptFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancellationRefused;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancellationRequested;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancellationSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.CancellationTooLate;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderCancelled;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderReceived;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderShipped;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.SendAttemptFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.WarehouseStepReached;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The FulfillmentOrder's pure rules. Everything a partner or Kafka may repeat is idempotent: a shipment
 * is received once, a step or the shipping confirmation is recorded once, and nothing is recorded after
 * the order is final (a duplicate or late confirmation decides nothing). A merchant's cancellation of an
 * order the partner has is queued for the partner (ADR 0094); when the warehouse ships first, that is
 * recorded as {@link CancellationTooLate}, never as a failure.
 */
public final class FulfillmentOrderDecider {

    /** Warehouse steps in their natural order; a step at or before one already reached is late and ignored. */
    private static final List<Step> PROGRESS = List.of(Step.RECEIVED, Step.PICKING, Step.PICKED, Step.PACKED);

    private FulfillmentOrderDecider() {
    }

    public static List<FulfillmentOrderEvent> decide(FulfillmentOrderCommand command, FulfillmentOrder state) {
        return switch (command) {
            case ReceiveOrder receive -> {
                if (state.status() != Status.NONE) {
                    yield List.of(); // redelivered ShipmentValidated: the order exists, nothing is sent twice
                }
                require(receive.order() != null, "an order is required");
                OrderReceived received = new OrderReceived(receive.order().orderNumber(), receive.tenantId(), receive.partner(),
                        receive.order(), receive.at());
                if (receive.order().lines().isEmpty()) {
                    // A warehouse picks articles: a shipment without items cannot be fulfilled.
                    yield List.of(received, new OrderFailed(received.shipmentId(), "NO_ITEMS",
                            "The shipment lists no items (SKU and quantity) for the warehouse to pick", receive.at()));
                }
                yield List.of(received);
            }
            case RecordSent sent -> {
                requireExists(state);
                if (state.status() == Status.CANCELLED && state.partnerReference() == null) {
                    // Cancelled while it was being sent: the partner has it now, so it must be told.
                    yield List.of(new OrderSent(state.shipmentId(), sent.partnerReference(), sent.at()),
                            new CancellationRequested(state.shipmentId(), "cancelled while it was being sent", sent.at()));
                }
                yield state.status() == Status.PENDING
                        ? List.of(new OrderSent(state.shipmentId(), sent.partnerReference(), sent.at()))
                        : List.of();
            }
            case RecordSendFailure failure -> {
                requireExists(state);
                if (state.status() != Status.PENDING) {
                    yield List.of();
                }
                yield failure.retryable()
                        ? List.of(new SendAttemptFailed(state.shipmentId(), state.failedAttempts() + 1, failure.code(),
                                failure.reason(), failure.at()))
                        : List.of(new OrderFailed(state.shipmentId(), failure.code(), failure.reason(), failure.at()));
            }
            case ApplyUpdate apply -> update(apply.update(), state);
            case Cancel cancel -> cancel(cancel, state);
            case RecordCancelSent told -> {
                requireExists(state);
                if (!state.cancellationDue()) {
                    yield List.of();
                }
                yield told.confirmed()
                        ? List.of(new OrderCancelled(state.shipmentId(), state.cancelReason(), told.at()))
                        : List.of(new CancellationSent(state.shipmentId(), told.at()));
            }
            case RecordCancelFailure failure -> {
                requireExists(state);
                if (!state.cancellationDue()) {
                    yield List.of();
                }
                yield failure.retryable()
                        ? List.of(new CancelAttemptFailed(state.shipmentId(), state.cancelAttempts() + 1, failure.code(),
                                failure.reason(), failure.at()))
                        : List.of(new CancellationRefused(state.shipmentId(), failure.code(), failure.reason(), failure.at()));
            }
        };
    }

    private static List<FulfillmentOrderEvent> cancel(Cancel cancel, FulfillmentOrder state) {
        return switch (state.status()) {
            case NONE, CANCELLED, FAILED -> List.of();
            // Not with the partner yet: dropped from the queue, nothing to tell anyone.
            case PENDING -> List.of(new OrderCancelled(state.shipmentId(), cancel.reason(), cancel.at()));
            case SENT, IN_PROGRESS -> state.cancellation() == Cancellation.NONE
                    ? List.of(new CancellationRequested(state.shipmentId(), cancel.reason(), cancel.at()))
                    : List.of(); // redelivered, or published again: told once
            case SHIPPED -> state.cancellation() == Cancellation.TOO_LATE ? List.of()
                    : List.of(tooLate(state, cancel.at()));
        };
    }

    private static CancellationTooLate tooLate(FulfillmentOrder state, OffsetDateTime at) {
        return new CancellationTooLate(state.shipmentId(), "The warehouse had already shipped the order"
                + (state.trackingNumber() == null ? "" : " (tracking number " + state.trackingNumber() + ")"), at);
    }

    private static List<FulfillmentOrderEvent> update(PartnerUpdate u, FulfillmentOrder state) {
        requireExists(state);
        if (state.status().isFinal()) {
            return List.of(); // a duplicate confirmation, or news about an order that is done
        }
        require(u.occurredAt() != null, "the time of the update is required");
        String source = u.source() == null ? "POLL" : u.source();
        return switch (u.step()) {
            case SHIPPED -> {
                require(!blank(u.trackingNumber()) && !blank(u.carrier()), "a shipping confirmation needs carrier and tracking number");
                List<String> numbers = u.parcelTrackingNumbers().isEmpty() ? List.of(u.trackingNumber()) : u.parcelTrackingNumbers();
                List<ParcelLabel> parcels = IntStream.range(0, numbers.size())
                        .mapToObj(i -> new ParcelLabel(i + 1, numbers.get(i))).toList();
                String service = !blank(u.service()) ? u.service()
                        : !blank(state.order().service()) ? state.order().service() : "standard";
                OrderShipped shipped = new OrderShipped(state.shipmentId(), u.carrier(), service, u.trackingNumber(), parcels,
                        source, u.occurredAt());
                if (!state.cancellation().wanted()) {
                    yield List.of(shipped);
                }
                List<FulfillmentOrderEvent> events = new ArrayList<>(List.of(shipped));
                events.add(tooLate(FulfillmentOrderDecider.evolve(state, shipped), u.occurredAt()));
                yield events;
            }
            case CANCELLED -> state.cancellation().wanted()
                    ? List.of(new OrderCancelled(state.shipmentId(), state.cancelReason() + " (confirmed by the warehouse"
                            + reason(u) + ")", u.occurredAt()))
                    : List.of(new OrderFailed(state.shipmentId(), "FULFILLMENT_CANCELLED",
                    "The warehouse cancelled the order" + reason(u), u.occurredAt()));
            case OUT_OF_STOCK -> List.of(new OrderFailed(state.shipmentId(), "OUT_OF_STOCK",
                    "The warehouse cannot fulfil the order: out of stock" + reason(u), u.occurredAt()));
            case UNMAPPED -> state.stepsReached().contains(stepKey(u))
                    ? List.of()
                    : List.of(new WarehouseStepReached(state.shipmentId(), u.step(), u.partnerCode(), u.description(), source,
                            u.occurredAt()));
            default -> {
                int reached = state.stepsReached().stream().filter(k -> !k.startsWith("UNMAPPED"))
                        .mapToInt(k -> PROGRESS.indexOf(Step.valueOf(k))).max().orElse(-1);
                yield PROGRESS.indexOf(u.step()) <= reached
                        ? List.of()
                        : List.of(new WarehouseStepReached(state.shipmentId(), u.step(), u.partnerCode(), u.description(),
                                source, u.occurredAt()));
            }
        };
    }

    public static FulfillmentOrder evolve(FulfillmentOrder s, FulfillmentOrderEvent event) {
        return switch (event) {
            case OrderReceived r -> new FulfillmentOrder(r.shipmentId(), r.tenantId(), r.partner(), r.order(), Status.PENDING,
                    null, 0, Set.of(), null, Cancellation.NONE, null, 0);
            case OrderSent sent -> s.sending(Status.SENT, sent.partnerReference(), s.failedAttempts());
            case SendAttemptFailed f -> s.sending(Status.PENDING, null, f.attempt());
            case OrderFailed f -> s.progressed(Status.FAILED, s.stepsReached(), null);
            case WarehouseStepReached w -> {
                Set<String> steps = new HashSet<>(s.stepsReached());
                steps.add(w.step() == Step.UNMAPPED ? "UNMAPPED:" + w.partnerCode() : w.step().name());
                yield s.progressed(Status.IN_PROGRESS, steps, null);
            }
            case OrderShipped shipped -> s.progressed(Status.SHIPPED, s.stepsReached(), shipped.trackingNumber());
            case OrderCancelled c -> s.with(Status.CANCELLED);
            case CancellationRequested r -> s.cancelling(Cancellation.REQUESTED, r.reason(), 0);
            case CancelAttemptFailed f -> s.cancelling(Cancellation.REQUESTED, s.cancelReason(), f.attempt());
            case CancellationSent sent -> s.cancelling(Cancellation.SENT, s.cancelReason(), s.cancelAttempts());
            case CancellationRefused r -> s.cancelling(Cancellation.REFUSED, s.cancelReason(), s.cancelAttempts());
            case CancellationTooLate late -> s.cancelling(Cancellation.TOO_LATE, s.cancelReason(), s.cancelAttempts());
        };
    }

    private static String stepKey(PartnerUpdate u) {
        return u.step() == Step.UNMAPPED ? "UNMAPPED:" + u.partnerCode() : u.step().name();
    }

    private static String reason(PartnerUpdate u) {
        return blank(u.description()) ? "" : ": " + u.description();
    }

    private static void requireExists(FulfillmentOrder state) {
        if (state.status() == Status.NONE) {
            throw new FulfillmentOrderRuleViolated("No such fulfillment order");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new FulfillmentOrderRuleViolated("Invalid fulfillment order: " + message);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
