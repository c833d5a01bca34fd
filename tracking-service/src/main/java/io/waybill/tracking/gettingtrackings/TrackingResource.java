package io.waybill.tracking.gettingtrackings;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StoredEvent;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.platform.Caller;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.tracking.TrackingEvent;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRemapped;
import io.waybill.tracking.tracking.TrackingDecider;
import io.waybill.tracking.tracking.TrackingEvent.TrackingRegistered;
import io.waybill.tracking.tracking.TrackingEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A tracking's status and timeline, ordered by event time, read straight from its stream. */
@Path("/api/v1/trackings/{carrier}/{trackingNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"erp", "admin"})
public class TrackingResource {

    public record TimelineView(String trackingNumber, String carrier, String shipmentId, String reference, String status,
            String subStatus, String statusDescription, String subStatusDescription, String language, List<EventView> events) {
    }

    /**
     * One timeline entry: the normalized status and sub-status and their localized words, the carrier's own code
     * and words, and the carrier's time with the carrier's UTC offset.
     */
    public record EventView(TrackingStatus status, String subStatus, String statusDescription, String subStatusDescription,
            String carrierCode, String description, String location, String source, boolean current, boolean regression,
            OffsetDateTime occurredAt, OffsetDateTime recordedAt) {
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final Caller caller;

    public TrackingResource(AgroalDataSource dataSource, EventStore store, Caller caller) {
        this.dataSource = dataSource;
        this.store = store;
        this.caller = caller;
    }

    private static CarrierEventRecorded remapped(CarrierEventRecorded e, CarrierEventRemapped r) {
        return new CarrierEventRecorded(e.trackingNumber(), e.carrierCode(), r.status(), e.previousStatus(), e.description(),
                e.location(), e.source(), e.current(), e.regression(), e.occurredAt(), e.recordedAt(), e.estimatedDelivery(),
                e.mapping(), r.subStatus());
    }

    /** {@code lang} (en, es, pt, fr, sv) wins over Accept-Language; the answer's Content-Language says which was used. */
    @GET
    public Response get(@PathParam("carrier") String carrier, @PathParam("trackingNumber") String trackingNumber,
            @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        List<StoredEvent> stored = Transactions.inTransaction(dataSource,
                c -> store.load(c, TrackingEvents.streamId(carrier, trackingNumber)));
        TrackingRegistered registered = null;
        List<CarrierEventRecorded> events = new ArrayList<>();
        NormalizedStatus status = null;
        for (StoredEvent s : stored) {
            TrackingEvent event = TrackingEvents.CODEC.decode(s);
            if (event instanceof TrackingRegistered r) {
                registered = r;
            } else if (event instanceof CarrierEventRecorded e) {
                events.add(e);
                status = e.current() ? e.normalized() : status;
            } else if (event instanceof CarrierEventRemapped r) {
                // re-normalized: the entry shows the current table's status
                String key = TrackingDecider.key(r.carrierCode(), r.occurredAt());
                events.replaceAll(e -> TrackingDecider.key(e.carrierCode(), e.occurredAt()).equals(key) ? remapped(e, r) : e);
                status = r.current() ? r.normalized() : status;
            }
        }
        if (registered == null || !caller.maySee(registered.tenantId())) {
            return Problem.response(404, "not-found", "Not found", "No such tracking", null);
        }
        String language = StatusDescriptions.language(lang, headers.getAcceptableLanguages());
        List<EventView> timeline = events.stream().sorted(Comparator.comparing(CarrierEventRecorded::occurredAt))
                .map(e -> new EventView(e.normalized().status(), e.normalized().subStatus(),
                        StatusDescriptions.describe(e.normalized().status(), language),
                        StatusDescriptions.describeSubStatus(e.normalized().subStatus(), language), e.carrierCode(),
                        e.description(), e.location(), e.source(), e.current(), e.regression(), e.occurredAt(), e.recordedAt()))
                .toList();
        String subStatus = status == null ? null : status.subStatus();
        return Response.ok(new TimelineView(trackingNumber, carrier, registered.shipmentId(), registered.reference(),
                status == null ? null : status.status().name(), subStatus,
                StatusDescriptions.describe(status == null ? null : status.status(), language),
                StatusDescriptions.describeSubStatus(subStatus, language), language, timeline))
                .header(HttpHeaders.CONTENT_LANGUAGE, language).build();
    }
}
