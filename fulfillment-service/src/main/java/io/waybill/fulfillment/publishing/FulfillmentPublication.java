package io.waybill.fulfillment.publishing;

import io.waybill.contracts.LabelFailed;
import io.waybill.contracts.LabelGenerated;
import io.waybill.contracts.StatusChanged;
import io.waybill.contracts.StockLevelReported;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.OutboundEvent;
import io.waybill.eventstore.OutboundMapper;
import io.waybill.eventstore.PublicEvents;
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
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import io.waybill.fulfillment.stocktaking.StockEvent.StockLevelsRead;
import io.waybill.fulfillment.stocktaking.StockLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * What leaves the service (ADR 0092): the same public events a carrier's shipment produces.
 * <ul>
 * <li>OrderShipped → LabelGenerated with the warehouse's carrier and tracking number (tracking-service
 * follows it; order-service shows it). The warehouse printed the label: {@code labelId} is absent and
 * Waybill holds no document; {@code formats} says PDF because v1 requires one rendering.</li>
 * <li>WarehouseStepReached → StatusChanged INFO_RECEIVED (for a code no table knows, EXCEPTION with subStatus
 * {@code exception.unmapped}, as contract v1.1 has it; ADR 0043) with the partner's code and words in
 * {@code carrierCode}/{@code description}; {@code carrier} is the partner and {@code trackingNumber} the partner's
 * order reference (or the shipment id), as no carrier number exists before shipping.</li>
 * <li>OrderFailed (refused, cancelled by the warehouse, out of stock) → LabelFailed, retryable=false.</li>
 * <li>StockLevelsRead → StockLevelReported.</li>
 * </ul>
 */
@ApplicationScoped
public class FulfillmentPublication implements OutboundMapper {

    @Override
    public Optional<OutboundEvent> map(StoredEvent stored) {
        if (StockLedger.STREAM_TYPE.equals(stored.streamType())) {
            StockLevelsRead read = (StockLevelsRead) StockLedger.CODEC.decode(stored);
            return Optional.of(PublicEvents.outbound(new StockLevelReported(read.reportId(), read.tenantId(), read.partner(),
                    read.warehouse(), read.levels(), read.reportedAt())));
        }
        FulfillmentOrderEvent event = FulfillmentOrderEvents.CODEC.decode(stored);
        String tenant = stored.metadata().tenantId();
        String partner = stored.metadata().attributes().getOrDefault("partner", "fulfillment");
        return switch (event) {
            case OrderShipped s -> Optional.of(PublicEvents.outbound(new LabelGenerated(s.shipmentId(), tenant, s.carrier(),
                    s.service(), s.trackingNumber(), s.parcels(), List.of("PDF"), null, s.occurredAt())));
            case WarehouseStepReached w -> {
                boolean unmapped = w.step() == Step.UNMAPPED;
                yield Optional.of(PublicEvents.outbound(new StatusChanged(w.shipmentId(), tenant,
                        stored.metadata().attributes().getOrDefault("partnerReference", w.shipmentId()), partner,
                        unmapped ? TrackingStatus.EXCEPTION : TrackingStatus.INFO_RECEIVED, null,
                        w.partnerCode() == null ? w.step().name() : w.partnerCode(),
                        w.description() == null || w.description().isBlank() ? "Warehouse: " + w.step().name().toLowerCase()
                                : w.description(),
                        null, w.source(), false, w.occurredAt(), stored.recordedAt(), null, null,
                        unmapped ? StatusChanged.UNMAPPED_SUB_STATUS : null)));
            }
            case OrderFailed f -> Optional.of(PublicEvents.outbound(new LabelFailed(f.shipmentId(), tenant, partner,
                    f.reasonCode(), f.reason(), false, f.at())));
            case OrderReceived r -> Optional.empty();
            case OrderSent s -> Optional.empty();
            case SendAttemptFailed f -> Optional.empty();
            // A merchant's cancellation and its fate stay in the order's history: order-service knows of the
            // cancellation already, and a warehouse that shipped anyway publishes LabelGenerated (ADR 0094).
            case OrderCancelled c -> Optional.empty();
            case FulfillmentOrderEvent.CancellationRequested c -> Optional.empty();
            case FulfillmentOrderEvent.CancelAttemptFailed c -> Optional.empty();
            case FulfillmentOrderEvent.CancellationSent c -> Optional.empty();
            case FulfillmentOrderEvent.CancellationRefused c -> Optional.empty();
            case FulfillmentOrderEvent.CancellationTooLate c -> Optional.empty();
        };
    }
}
