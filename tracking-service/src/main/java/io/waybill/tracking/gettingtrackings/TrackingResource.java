package io.waybill.tracking.gettingtrackings;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StoredEvent;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.platform.Caller;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.tracking.TrackingEvent;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvent.TrackingRegistered;
import io.waybill.tracking.tracking.TrackingEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
            List<CarrierEventRecorded> events) {
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final Caller caller;

    public TrackingResource(AgroalDataSource dataSource, EventStore store, Caller caller) {
        this.dataSource = dataSource;
        this.store = store;
        this.caller = caller;
    }

    @GET
    public Response get(@PathParam("carrier") String carrier, @PathParam("trackingNumber") String trackingNumber) {
        List<StoredEvent> stored = Transactions.inTransaction(dataSource,
                c -> store.load(c, TrackingEvents.streamId(carrier, trackingNumber)));
        TrackingRegistered registered = null;
        List<CarrierEventRecorded> events = new ArrayList<>();
        String status = null;
        for (StoredEvent s : stored) {
            TrackingEvent event = TrackingEvents.CODEC.decode(s);
            if (event instanceof TrackingRegistered r) {
                registered = r;
            } else if (event instanceof CarrierEventRecorded e) {
                events.add(e);
                status = e.current() ? e.status().name() : status;
            }
        }
        if (registered == null || !caller.maySee(registered.tenantId())) {
            return Problem.response(404, "not-found", "Not found", "No such tracking", null);
        }
        events.sort(Comparator.comparing(CarrierEventRecorded::occurredAt));
        return Response.ok(new TimelineView(trackingNumber, carrier, registered.shipmentId(), registered.reference(),
                status, events)).build();
    }
}
