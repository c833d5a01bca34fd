package io.waybill.label.labelling;

import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.contracts.Address;
import io.waybill.contracts.ParcelLabel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.eventstore.ConcurrencyConflict;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.EventStoreException;
import io.waybill.eventstore.StreamState;
import io.waybill.eventstore.Transactions;
import io.waybill.label.carrieraccounts.TenantCarriers;
import io.waybill.label.carriercalls.CarrierCallSettings;
import io.waybill.label.carriercalls.CarrierGuards;
import io.waybill.label.carriercalls.CarrierRateLimited;
import io.waybill.label.labelling.LabelDecider.PurchaseStep;
import io.waybill.label.labelling.LabelDecider.RecordFailure;
import io.waybill.label.labelling.LabelDecider.RecordOutcome;
import io.waybill.label.labelling.LabelDecider.RecordPurchase;
import io.waybill.label.labelling.LabelDecider.RecordUnconfirmed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseFailed;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseRequested;
import io.waybill.label.labelling.LabelEvent.LabelPurchaseUnconfirmed;
import io.waybill.label.labelling.LabelEvent.LabelPurchased;
import io.waybill.label.rendering.LabelData;
import io.waybill.label.rendering.PdfLabelRenderer;
import io.waybill.label.rendering.ZplLabelRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The carrier step of a label purchase (ADR 0050), outside any long transaction:
 * <ol>
 *   <li>claim: lock the due schedule entry, fold the label, decide ({@link LabelDecider#nextStep}); for
 *       a call, mark the entry claimed and the call started, and commit;</li>
 *   <li>call the carrier through the account's fault-tolerance guard, render PDF and ZPL;</li>
 *   <li>record: fold again and append the outcome (LabelPurchased with the documents, LabelPurchaseFailed,
 *       LabelPurchaseUnconfirmed) and close the entry, or put the entry back on the schedule;</li>
 *   <li>a label bought for a shipment cancelled meanwhile is voided at once.</li>
 * </ol>
 * A crash between 1 and 3 leaves the entry claimed with its call started: after the lease, the next
 * claim sees it and calls again only if the carrier honours idempotency keys.
 */
@ApplicationScoped
public class PurchaseAttempts {

    private static final Logger LOG = Logger.getLogger(PurchaseAttempts.class);
    /** How long the outcome of a carrier call is retried while the database cannot take it (a restart, a failover). */
    private static final Duration RECORD_PATIENCE = Duration.ofSeconds(60);

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final TenantCarriers carriers;
    private final CarrierGuards guards;
    private final PurchaseRetrySettings retry;
    private final LabelVoiding voiding;
    private final Duration rateLimitWindow;
    private final PdfLabelRenderer pdf = new PdfLabelRenderer();
    private final ZplLabelRenderer zpl = new ZplLabelRenderer();

    public PurchaseAttempts(AgroalDataSource dataSource, EventStore store, TenantCarriers carriers, CarrierGuards guards,
            PurchaseRetrySettings retry, LabelVoiding voiding, CarrierCallSettings callSettings) {
        this.dataSource = dataSource;
        this.store = store;
        this.carriers = carriers;
        this.guards = guards;
        this.retry = retry;
        this.voiding = voiding;
        this.rateLimitWindow = callSettings.rateLimit().window();
    }

    private record Claim(LabelPurchaseRequested request, TenantCarriers.Bound account, int attempt) {

        CarrierAdapter adapter() {
            return account.adapter();
        }
    }

    /** What the carrier call ended with. */
    private sealed interface CallResult {
    }

    private record Booked(CarrierShipment booking, Documents documents) implements CallResult {
    }

    private record Refused(String code, String reason) implements CallResult {
    }

    private record OutcomeUnknown(String code, String reason) implements CallResult {
    }

    /** Nothing was booked; try again later: after {@code retryAfter} when a rate limit said so, else by back-off. */
    private record NotNow(String code, String reason, Duration retryAfter) implements CallResult {

        NotNow(String code, String reason) {
            this(code, reason, null);
        }
    }

    private record Documents(List<ParcelLabel> parcels, List<byte[]> parcelPdfs, List<String> parcelZpls, byte[] mergedPdf,
            String allZpl) {
    }

    /**
     * Runs the carrier step for the label stream if its purchase is due and unclaimed; never throws (a
     * failure leaves the schedule entry for the scheduler). Returns whether the carrier was called.
     */
    public boolean attempt(String stream) {
        Claim claim;
        try {
            claim = Transactions.inTransaction(dataSource, c -> claim(c, stream));
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not claim the label purchase of %s; the scheduler retries", stream);
            return false;
        }
        if (claim == null) {
            return false;
        }
        try {
            CallResult result = call(claim);
            Label after = recordWithRetries(claim, result);
            if (after != null && LabelDecider.needsVoidAfterPurchase(after)) {
                voiding.voidCancelled(claim.request().shipmentId());
            }
        } catch (RuntimeException e) {
            // The outcome (maybe a booking) is lost: the claim stays, and after the lease the next claim treats the
            // call as one with an unknown outcome.
            LOG.errorf(e, "Label purchase of %s failed after calling the carrier", stream);
        }
        return true;
    }

    private Claim claim(Connection c, String stream) throws Exception {
        Optional<OpenPurchases.Due> due = OpenPurchases.lockIfDue(c, stream);
        if (due.isEmpty()) {
            return null;
        }
        StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
        Label label = current.state();
        LabelPurchaseRequested request = label.request();
        Optional<TenantCarriers.Bound> adapter = request == null ? Optional.empty()
                : carriers.forTenant(request.tenantId(), request.shipment().carrier());
        if (request != null && adapter.isEmpty() && label.status() == Label.Status.REQUESTED) {
            append(c, current, request, new RecordFailure(new LabelPurchaseFailed(request.shipmentId(), request.tenantId(),
                    request.shipment().carrier(), "UNKNOWN_CARRIER", "No carrier adapter named '"
                    + request.shipment().carrier() + "' is installed", false, now(), request.returnId())));
            OpenPurchases.close(c, stream);
            return null;
        }
        PurchaseStep step = LabelDecider.nextStep(label, due.get().previousCallStarted(),
                adapter.map(bound -> bound.adapter().honoursIdempotencyKey()).orElse(false));
        switch (step) {
            case DROP -> {
                OpenPurchases.close(c, stream);
                return null;
            }
            case RECORD_UNCONFIRMED -> {
                append(c, current, request, unconfirmed(request, "LABEL_PURCHASE_UNCONFIRMED",
                        "A booking was sent to " + request.shipment().carrier() + " and its answer was never recorded"));
                OpenPurchases.close(c, stream);
                return null;
            }
            case CALL_CARRIER -> {
                OpenPurchases.claimForCall(c, stream, retry.lease());
                return new Claim(request, adapter.get(), due.get().attempts() + 1);
            }
            default -> throw new IllegalStateException(step.name());
        }
    }

    private CallResult call(Claim claim) {
        ShipmentValidated shipment = claim.request().shipment();
        CarrierAdapter adapter = claim.adapter();
        CarrierShipment booked;
        try {
            booked = guards.call(adapter, claim.account().accountKey(), () -> book(adapter, claim.request()),
                    CarrierShipment.class);
        } catch (CarrierException e) {
            if (!e.retryable()) {
                return new Refused(e.code(), e.getMessage());
            }
            return CarrierGuards.safeToRetry(e, adapter.honoursIdempotencyKey())
                    ? new NotNow(e.code(), e.getMessage())
                    : new OutcomeUnknown(e.code(), e.getMessage());
        } catch (TimeoutException e) {
            String code = adapter.code().toUpperCase(java.util.Locale.ROOT) + "_TIMEOUT";
            return adapter.honoursIdempotencyKey() ? new NotNow(code, e.getMessage())
                    : new OutcomeUnknown(code, "No answer from " + adapter.code() + " in time");
        } catch (CarrierRateLimited e) {
            // Nothing was sent: not a failure, and no reason to back off further than the limiter says.
            return new NotNow("RATE_LIMITED", e.getMessage(), e.retryAfter());
        } catch (CircuitBreakerOpenException | BulkheadException e) {
            return new NotNow("CARRIER_GUARD_" + e.getClass().getSimpleName(), "Not sent to " + adapter.code()
                    + ": " + e.getClass().getSimpleName());
        } catch (Exception e) {
            throw new IllegalStateException("carrier call failed unexpectedly", e);
        }
        return new Booked(booked, render(shipment, booked));
    }

    /** A shipment, or a return: the carrier's return product where it has one, else a shipment back to the merchant. */
    private static CarrierShipment book(CarrierAdapter adapter, LabelPurchaseRequested request) throws CarrierException {
        if (request.returnId() == null) {
            return adapter.createShipment(request.shipment(), request.idempotencyKey());
        }
        try {
            return adapter.createReturnShipment(request.shipment(), request.originalReference());
        } catch (CarrierException e) {
            if (!e.code().endsWith("_UNSUPPORTED")) {
                throw e;
            }
            return adapter.createShipment(request.shipment(), request.idempotencyKey());
        }
    }

    private Label recordWithRetries(Claim claim, CallResult result) {
        long deadline = System.nanoTime() + RECORD_PATIENCE.toNanos();
        long pauseMillis = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return Transactions.inTransaction(dataSource, c -> record(c, claim, result));
            } catch (ConcurrencyConflict e) {
                // A cancellation was recorded meanwhile: fold again and decide on the new state.
                if (attempt == 5) {
                    throw e;
                }
            } catch (EventStoreException e) {
                // The carrier has answered (maybe with a booking). Given up, the answer would wait for the lease and,
                // from a carrier without idempotency keys, end unconfirmed: a database restart must not cost that.
                // Recording again is safe: the stream is folded first, and an outcome already there decides nothing.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("Recording the label purchase of %s failed (%s); trying again", claim.request().labelStream(),
                        e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(2_000, pauseMillis * 2);
            }
        }
    }

    private Label record(Connection c, Claim claim, CallResult result) throws Exception {
        LabelPurchaseRequested request = claim.request();
        String shipmentId = request.shipmentId();
        String stream = request.labelStream();
        StreamState<Label> current = store.fold(c, stream, LabelEvents.CODEC, Label.NONE, LabelDecider::evolve);
        RecordOutcome outcome = switch (result) {
            case Booked booked -> new RecordPurchase(purchased(request, booked));
            case Refused refused -> new RecordFailure(new LabelPurchaseFailed(shipmentId, request.tenantId(),
                    request.shipment().carrier(), refused.code(), refused.reason(), false, now(), request.returnId()));
            case OutcomeUnknown unknown -> unconfirmed(request, unknown.code(), unknown.reason());
            case NotNow notNow -> null;
        };
        if (outcome == null) {
            NotNow notNow = (NotNow) result;
            boolean rateLimited = notNow.retryAfter() != null;
            Duration delay = rateLimited ? spread(notNow.retryAfter()) : backOff(claim.attempt());
            LOG.infof("Label purchase of %s with %s deferred by %s: %s", stream, request.shipment().carrier(),
                    delay, notNow.code());
            // A rate-limit refusal sent nothing: it does not count as an attempt (nor grow the back-off).
            OpenPurchases.retryLater(c, stream, delay, notNow.code() + ": " + notNow.reason(), !rateLimited);
            return current.state();
        }
        List<LabelEvent> events = append(c, current, request, outcome);
        if (result instanceof Booked booked && !events.isEmpty()) {
            saveDocuments(c, request, booked.documents());
        }
        OpenPurchases.close(c, stream);
        Label after = current.state();
        for (LabelEvent event : events) {
            after = LabelDecider.evolve(after, event);
        }
        return after;
    }

    private List<LabelEvent> append(Connection c, StreamState<Label> current, LabelPurchaseRequested request,
            RecordOutcome outcome) throws Exception {
        List<LabelEvent> events = LabelDecider.decide(outcome, current.state());
        store.append(c, request.labelStream(), LabelEvents.STREAM_TYPE, current.version(), events,
                LabelEvents.CODEC, EventMetadata.of(request.tenantId(), request.shipmentId(), request.labelId()));
        return events;
    }

    /** Exponential back-off of the persistent schedule, with ±20 % jitter so retries after an outage spread out. */
    Duration backOff(int attempt) {
        long initial = retry.initialDelay().toMillis();
        long capped = Math.min(retry.maxDelay().toMillis(), initial << Math.min(20, Math.max(0, attempt - 1)));
        long jitter = (long) (capped * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
        return Duration.ofMillis(Math.max(1, capped + jitter));
    }

    /**
     * A rate-limited purchase waits until the limiter expects a permit plus up to one more window, so the
     * purchases it deferred together come back spread out rather than all at the same instant.
     */
    Duration spread(Duration retryAfter) {
        long window = Math.max(1, rateLimitWindow.toMillis());
        return retryAfter.plusMillis(ThreadLocalRandom.current().nextLong(window));
    }

    private static RecordUnconfirmed unconfirmed(LabelPurchaseRequested request, String code, String reason) {
        return new RecordUnconfirmed(new LabelPurchaseUnconfirmed(request.shipmentId(), request.tenantId(),
                request.shipment().carrier(), code, reason + ". It may have been booked and is not bought again: check "
                + "the carrier's portal for order reference " + request.shipment().orderReference()
                + " and book or void it there", now(), request.returnId()));
    }

    private static LabelPurchased purchased(LabelPurchaseRequested request, Booked booked) {
        ShipmentValidated s = request.shipment();
        CarrierShipment booking = booked.booking();
        return new LabelPurchased(request.shipmentId(), s.tenantId(), s.carrier(), s.service(), booking.trackingNumber(),
                booked.documents().parcels(), booking.routingCode(), List.of("PDF", "ZPL"), s.fiscalDocument(), now(),
                request.labelId(), booking.cost() != null ? booking.cost() : request.quotedCost(), request.returnId());
    }

    private Documents render(ShipmentValidated shipment, CarrierShipment booked) {
        List<ParcelLabel> parcels = new ArrayList<>();
        List<byte[]> pdfs = new ArrayList<>();
        List<String> zpls = new ArrayList<>();
        StringBuilder allZpl = new StringBuilder();
        int count = shipment.parcels().size();
        for (int n = 1; n <= count; n++) {
            String tracking = booked.parcelTrackingNumbers().get(n - 1);
            parcels.add(new ParcelLabel(n, tracking));
            LabelData data = new LabelData(shipment.carrier(), shipment.service() == null ? "return" : shipment.service(), tracking, booked.routingCode(),
                    party(shipment.sender()), party(shipment.recipient()), shipment.parcels().get(n - 1).weightGrams(),
                    shipment.orderReference(), n, count, LocalDate.now(ZoneOffset.UTC));
            pdfs.add(pdf.render(data));
            String parcelZpl = zpl.render(data);
            zpls.add(parcelZpl);
            allZpl.append(parcelZpl).append('\n');
        }
        // The carrier's own label, when it sends one, is the document of record for the shipment.
        byte[] merged = booked.carrierLabelPdf() != null ? booked.carrierLabelPdf() : pdf.merge(pdfs);
        return new Documents(parcels, pdfs, zpls, merged, allZpl.toString());
    }

    private static void saveDocuments(Connection c, LabelPurchaseRequested request, Documents documents) throws Exception {
        var owner = new LabelDocuments.Owner(request.shipmentId(), request.returnId(), request.tenantId());
        for (int n = 1; n <= documents.parcels().size(); n++) {
            LabelDocuments.save(c, owner, "PDF", n, documents.parcelPdfs().get(n - 1));
            LabelDocuments.save(c, owner, "ZPL", n, documents.parcelZpls().get(n - 1).getBytes(StandardCharsets.UTF_8));
        }
        LabelDocuments.save(c, owner, "PDF", LabelDocuments.WHOLE_SHIPMENT, documents.mergedPdf());
        LabelDocuments.save(c, owner, "ZPL", LabelDocuments.WHOLE_SHIPMENT, documents.allZpl().getBytes(StandardCharsets.UTF_8));
    }

    private static LabelData.Party party(Address address) {
        return new LabelData.Party(address.name(), address.company(), address.lines(),
                address.postalCode() == null ? "" : address.postalCode(), address.city(), address.country());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
