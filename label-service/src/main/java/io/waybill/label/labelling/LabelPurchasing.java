package io.waybill.label.labelling;

import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierSelection;
import io.waybill.carriers.spi.Quote;
import io.waybill.contracts.Money;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.PoisonMessage;
import io.waybill.eventstore.StreamState;
import io.waybill.label.carrier.Carriers;
import io.waybill.label.carrieraccounts.TenantCarriers;
import io.waybill.label.labelling.LabelDecider.RecordFailure;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import io.waybill.label.labelling.LabelDecider.RecordRequest;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The first step of buying a validated shipment's label (ADR 0050): chooses the carrier service (by
 * quote, outside any transaction: quotes book nothing), then records the intent
 * (LabelPurchaseRequested) and opens the purchase's schedule entry in the caller's transaction. The
 * carrier is called afterwards by {@link PurchaseAttempts}. A shipment that has an open intent or a
 * label, or was cancelled, records nothing.
 */
@ApplicationScoped
public class LabelPurchasing {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LabelPurchasing.class);

    private final EventStore store;
    private final Carriers carriers;
    private final TenantCarriers tenantCarriers;

    public LabelPurchasing(EventStore store, Carriers carriers, TenantCarriers tenantCarriers) {
        this.store = store;
        this.carriers = carriers;
        this.tenantCarriers = tenantCarriers;
    }

    /** What to record for a shipment: computed before the transaction (it may ask carriers for quotes). */
    public RecordOutcome plan(ShipmentValidated requested) {
        return plan(requested, requested.shipmentId(), null, null);
    }

    /**
     * What to record for a label of {@code shipmentId}: its own ({@code returnId} null, {@code requested}
     * is the shipment) or a return label ({@code requested} goes from the customer to the merchant).
     */
    public RecordOutcome plan(ShipmentValidated requested, String shipmentId, String returnId, String originalReference) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ShipmentValidated shipment = requested;
        Money quotedCost = null;
        // A return without a service uses the carrier's default return service: nothing to choose.
        if (requested.carrier() == null || (requested.service() == null && returnId == null)) {
            Optional<Quote> chosen = CarrierSelection.choose(quotes(requested), requested.selectionRule());
            if (chosen.isEmpty()) {
                return new RecordFailure(new LabelPurchaseFailed(shipmentId, requested.tenantId(),
                        requested.carrier() == null ? "none" : requested.carrier(), "NO_QUOTE",
                        "No installed carrier quoted this shipment" + (requested.carrier() == null ? ""
                                : " (carrier " + requested.carrier() + ")"), true, now, returnId));
            }
            shipment = chosen(requested, chosen.get());
            quotedCost = chosen.get().price();
        }
        if (tenantCarriers.forTenant(shipment.tenantId(), shipment.carrier()).isEmpty()) {
            return new RecordFailure(new LabelPurchaseFailed(shipmentId, shipment.tenantId(), shipment.carrier(),
                    "UNKNOWN_CARRIER", "No carrier adapter named '" + shipment.carrier() + "' is installed", false, now,
                    returnId));
        }
        // One key per purchase intent: every try of it (in-call retries, scheduled retries, after a restart) sends it.
        String labelId = UUID.randomUUID().toString();
        return new RecordRequest(new LabelPurchaseRequested(shipmentId, shipment.tenantId(), labelId, shipment,
                quotedCost, "waybill-label-" + labelId, now, returnId, originalReference));
    }

    /** Whether the label stream may need a purchase (a read, to skip quoting for redeliveries). */
    public boolean mayNeedPurchase(Connection c, String stream) throws SQLException {
        return LabelDecider.needsPurchase(store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve).state());
    }

    /** Records the planned outcome in {@code stream} if it still applies; true when a purchase intent was recorded. */
    public boolean record(Connection c, String stream, String tenantId, String shipmentId, RecordOutcome planned,
            String causationId) throws SQLException {
        StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
        if (current.state().tenantId() != null && !current.state().tenantId().equals(tenantId)) {
            throw new PoisonMessage("tenant " + tenantId + " does not own label stream " + stream, null);
        }
        List<LabelEvent> events = LabelDecider.decide(planned, current.state());
        if (events.isEmpty()) {
            return false;
        }
        store.append(c, stream, LabelEvents.STREAM_TYPE, current.version(), events, LabelEvents.CODEC,
                EventMetadata.of(tenantId, shipmentId, causationId));
        if (planned instanceof RecordRequest request) {
            OpenPurchases.open(c, stream, tenantId, request.event().shipment().carrier());
            return true;
        }
        return false;
    }

    /** Quotes of the named carrier, or of every installed one; a carrier that cannot quote is left out. */
    private List<Quote> quotes(ShipmentValidated shipment) {
        List<CarrierAdapter> candidates = shipment.carrier() == null ? List.copyOf(carriers.all())
                : carriers.find(shipment.carrier()).stream().toList();
        List<Quote> quotes = new ArrayList<>();
        for (CarrierAdapter candidate : candidates) {
            try {
                quotes.addAll(candidate.quote(shipment));
            } catch (CarrierException e) {
                LOG.warnf("Carrier %s could not quote shipment %s: %s", candidate.code(), shipment.shipmentId(), e.getMessage());
            }
        }
        return quotes;
    }

    private static ShipmentValidated chosen(ShipmentValidated s, Quote quote) {
        return new ShipmentValidated(s.shipmentId(), s.tenantId(), s.orderReference(), s.sender(), s.recipient(), s.parcels(),
                quote.carrier(), quote.service(), s.selectionRule(), s.labelFormat(), s.fiscalDocument(), s.validatedAt());
    }
}
