package io.waybill.fulfillment.ordering;

import io.waybill.contracts.ParcelLabel;
import io.waybill.fulfillment.ordering.FulfillmentOrder.Status;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ApplyUpdate;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.Cancel;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.ReceiveOrder;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSendFailure;
import io.waybill.fulfillment.ordering.FulfillmentOrderCommand.RecordSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderCancelled;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderReceived;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderSent;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.OrderShipped;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.SendAttemptFailed;
import io.waybill.fulfillment.ordering.FulfillmentOrderEvent.WarehouseStepReached;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The FulfillmentOrder's pure rules. Everything a partner or Kafka may repeat is idempotent: a shipment
 * is received once, a step or the shipping confirmation is recorded once, and nothing is recorded after
 * the order is final (a duplicate or late confirmation decides nothing).
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
            case Cancel cancel -> {
                if (state.status() == Status.NONE || state.status().isFinal()) {
                    yield List.of();
                }
                yield List.of(new OrderCancelled(state.shipmentId(), cancel.reason(), cancel.at()));
            }
        };
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
                yield List.of(new OrderShipped(state.shipmentId(), u.carrier(), service, u.trackingNumber(), parcels, source,
                        u.occurredAt()));
            }
            case CANCELLED -> List.of(new OrderFailed(state.shipmentId(), "FULFILLMENT_CANCELLED",
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
                    null, 0, Set.of(), null);
            case OrderSent sent -> new FulfillmentOrder(s.shipmentId(), s.tenantId(), s.partner(), s.order(), Status.SENT,
                    sent.partnerReference(), s.failedAttempts(), s.stepsReached(), null);
            case SendAttemptFailed f -> new FulfillmentOrder(s.shipmentId(), s.tenantId(), s.partner(), s.order(), Status.PENDING,
                    null, f.attempt(), s.stepsReached(), null);
            case OrderFailed f -> with(s, Status.FAILED, s.stepsReached(), null);
            case WarehouseStepReached w -> {
                Set<String> steps = new HashSet<>(s.stepsReached());
                steps.add(w.step() == Step.UNMAPPED ? "UNMAPPED:" + w.partnerCode() : w.step().name());
                yield with(s, Status.IN_PROGRESS, steps, null);
            }
            case OrderShipped shipped -> with(s, Status.SHIPPED, s.stepsReached(), shipped.trackingNumber());
            case OrderCancelled c -> with(s, Status.CANCELLED, s.stepsReached(), null);
        };
    }

    private static FulfillmentOrder with(FulfillmentOrder s, Status status, Set<String> steps, String trackingNumber) {
        return new FulfillmentOrder(s.shipmentId(), s.tenantId(), s.partner(), s.order(), status, s.partnerReference(),
                s.failedAttempts(), steps, trackingNumber);
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
