package io.waybill.label.labelling;

import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierSelection;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.Quote;
import io.waybill.contracts.Address;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StreamState;
import io.waybill.label.carrier.Carriers;
import io.waybill.label.labelling.LabelDecider.RecordFailure;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import io.waybill.label.labelling.LabelDecider.RecordPurchase;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.rendering.LabelData;
import io.waybill.label.rendering.PdfLabelRenderer;
import io.waybill.label.rendering.ZplLabelRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Buys the label of a validated shipment: asks its carrier for tracking numbers, renders PDF and ZPL
 * per parcel (plus the merged documents), stores them and records the outcome — all in the caller's
 * transaction, after checking that the shipment has no label yet.
 */
@ApplicationScoped
public class LabelPurchasing {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(LabelPurchasing.class);

    private final EventStore store;
    private final Carriers carriers;
    private final PdfLabelRenderer pdf = new PdfLabelRenderer();
    private final ZplLabelRenderer zpl = new ZplLabelRenderer();

    public LabelPurchasing(EventStore store, Carriers carriers) {
        this.store = store;
        this.carriers = carriers;
    }

    public void purchase(Connection c, ShipmentValidated shipment, String causationId) throws SQLException {
        String stream = LabelEvents.streamId(shipment.shipmentId());
        StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
        if (!LabelDecider.needsPurchase(current.state())) {
            return;
        }
        RecordOutcome outcome = book(c, shipment);
        List<LabelEvent> events = LabelDecider.decide(outcome, current.state());
        store.append(c, stream, LabelEvents.STREAM_TYPE, current.version(), events, LabelEvents.CODEC,
                EventMetadata.of(shipment.tenantId(), shipment.shipmentId(), causationId));
    }

    private RecordOutcome book(Connection c, ShipmentValidated requested) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ShipmentValidated shipment = requested;
        if (requested.carrier() == null || requested.service() == null) {
            Optional<Quote> chosen = CarrierSelection.choose(quotes(requested), requested.selectionRule());
            if (chosen.isEmpty()) {
                return new RecordFailure(new LabelPurchaseFailed(requested.shipmentId(), requested.tenantId(),
                        requested.carrier() == null ? "none" : requested.carrier(), "NO_QUOTE",
                        "No installed carrier quoted this shipment" + (requested.carrier() == null ? ""
                                : " (carrier " + requested.carrier() + ")"), true, now));
            }
            shipment = chosen(requested, chosen.get());
        }
        Optional<CarrierAdapter> adapter = carriers.find(shipment.carrier());
        if (adapter.isEmpty()) {
            return new RecordFailure(new LabelPurchaseFailed(shipment.shipmentId(), shipment.tenantId(), shipment.carrier(),
                    "UNKNOWN_CARRIER", "No carrier adapter named '" + shipment.carrier() + "' is installed", false, now));
        }
        CarrierShipment booked;
        try {
            booked = adapter.get().createShipment(shipment);
        } catch (CarrierException e) {
            return new RecordFailure(new LabelPurchaseFailed(shipment.shipmentId(), shipment.tenantId(), shipment.carrier(),
                    e.code(), e.getMessage(), e.retryable(), now));
        }
        List<ParcelLabel> parcels = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        StringBuilder allZpl = new StringBuilder();
        int count = shipment.parcels().size();
        for (int n = 1; n <= count; n++) {
            String tracking = booked.parcelTrackingNumbers().get(n - 1);
            parcels.add(new ParcelLabel(n, tracking));
            LabelData data = new LabelData(shipment.carrier(), shipment.service(), tracking, booked.routingCode(),
                    party(shipment.sender()), party(shipment.recipient()), shipment.parcels().get(n - 1).weightGrams(),
                    shipment.orderReference(), n, count, LocalDate.now(ZoneOffset.UTC));
            byte[] parcelPdf = pdf.render(data);
            String parcelZpl = zpl.render(data);
            pdfs.add(parcelPdf);
            allZpl.append(parcelZpl).append('\n');
            LabelDocuments.save(c, shipment.shipmentId(), shipment.tenantId(), "PDF", n, parcelPdf);
            LabelDocuments.save(c, shipment.shipmentId(), shipment.tenantId(), "ZPL", n, parcelZpl.getBytes(StandardCharsets.UTF_8));
        }
        // The carrier's own label, when it sends one, is the document of record for the shipment.
        byte[] merged = booked.carrierLabelPdf() != null ? booked.carrierLabelPdf() : pdf.merge(pdfs);
        LabelDocuments.save(c, shipment.shipmentId(), shipment.tenantId(), "PDF", LabelDocuments.WHOLE_SHIPMENT, merged);
        LabelDocuments.save(c, shipment.shipmentId(), shipment.tenantId(), "ZPL", LabelDocuments.WHOLE_SHIPMENT,
                allZpl.toString().getBytes(StandardCharsets.UTF_8));
        return new RecordPurchase(new LabelPurchased(shipment.shipmentId(), shipment.tenantId(), shipment.carrier(),
                shipment.service(), booked.trackingNumber(), parcels, booked.routingCode(), List.of("PDF", "ZPL"),
                shipment.fiscalDocument(), now));
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

    private static LabelData.Party party(Address address) {
        return new LabelData.Party(address.name(), address.company(), address.lines(),
                address.postalCode() == null ? "" : address.postalCode(), address.city(), address.country());
    }
}
