package io.waybill.label.pickups;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Parcel;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Transactions;
import io.waybill.label.carrieraccounts.TenantCarriers;
import io.waybill.label.carriercalls.CarrierGuards;
import io.waybill.label.carriercalls.CarrierRateLimited;
import io.waybill.label.labelling.Label;
import io.waybill.label.labelling.LabelDecider;
import io.waybill.label.labelling.LabelEvents;
import io.waybill.label.platform.Caller;
import io.waybill.label.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Pickups: the carrier collects labelled shipments of the tenant. Every shipment must be the
 * tenant's and have a valid label with that carrier (another tenant's or an unknown shipment answers
 * 404); the carrier's confirmation is stored and returned.
 */
@Path("/api/v1/pickups")
@RolesAllowed({"erp", "admin"})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class PickupsResource {

    private static final ObjectMapper JSON = ContractsJson.mapper();

    public record NewPickup(String carrier, LocalDate date, LocalTime readyFrom, LocalTime readyUntil, Address address,
            List<String> shipmentIds, String notes) {
    }

    public record PickupView(UUID id, String carrier, String confirmationNumber, LocalDate date, LocalTime readyFrom,
            LocalTime readyUntil, Address address, List<String> shipmentIds, List<String> trackingNumbers,
            OffsetDateTime createdAt) {
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final TenantCarriers carriers;
    private final CarrierGuards guards;
    private final Caller caller;

    public PickupsResource(AgroalDataSource dataSource, EventStore store, TenantCarriers carriers, CarrierGuards guards,
            Caller caller) {
        this.dataSource = dataSource;
        this.store = store;
        this.carriers = carriers;
        this.guards = guards;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book a pickup of labelled shipments", description = "422 for a past date, an empty window "
            + "or shipments without a label of that carrier; 404 for an unknown (or another tenant's) shipment; 429 "
            + "with Retry-After when the carrier account's rate limit is reached.")
    public Response create(NewPickup body) throws Exception {
        String tenant = caller.tenant();
        List<Problem.Violation> violations = validate(body);
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        String carrier = body.carrier().toLowerCase(Locale.ROOT);
        List<String> trackingNumbers = new ArrayList<>();
        int parcels = 0;
        int grams = 0;
        for (int i = 0; i < body.shipmentIds().size(); i++) {
            String shipmentId = body.shipmentIds().get(i);
            Label label = store.fold(LabelEvents.streamId(shipmentId), LabelEvents.CODEC, Label.NONE, LabelDecider::evolve)
                    .state();
            if (label.tenantId() == null || !label.tenantId().equals(tenant)) {
                return Problem.response(404, "not-found", "Not found", "No shipment " + shipmentId, null);
            }
            if (label.status() != Label.Status.PURCHASED || label.voidedOrVoiding() || !carrier.equals(label.carrier())) {
                violations.add(new Problem.Violation("shipmentIds[" + i + "]", "has no valid label with " + carrier));
                continue;
            }
            trackingNumbers.add(label.trackingNumber());
            // Labels bought before ADR 0050 have no recorded request: their parcels are not known here.
            List<Parcel> labelled = label.request() == null ? List.of() : label.request().shipment().parcels();
            for (Parcel parcel : labelled) {
                parcels++;
                grams += parcel.weightGrams();
            }
        }
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        Optional<TenantCarriers.Bound> bound = carriers.forTenant(tenant, carrier);
        if (bound.isEmpty()) {
            return invalid(List.of(new Problem.Violation("carrier", "no carrier '" + carrier + "' is available")));
        }
        PickupRequest request = new PickupRequest(body.date(), body.readyFrom(), body.readyUntil(), body.address(),
                trackingNumbers, parcels, grams, null, body.notes());
        PickupConfirmation confirmation;
        try {
            confirmation = guards.call(bound.get().adapter(), bound.get().accountKey(),
                    () -> bound.get().adapter().requestPickup(request), PickupConfirmation.class);
        } catch (CarrierRateLimited e) {
            throw e; // 429 with Retry-After (ProblemMappers), not 503: the carrier is up, the account is busy
        } catch (CarrierException e) {
            if (!e.retryable()) {
                return Problem.response(422, "pickup-refused", "Pickup refused by the carrier", e.getMessage(),
                        List.of(new Problem.Violation("carrier", e.getMessage())));
            }
            return Problem.response(503, "carrier-unavailable", "Carrier unavailable", e.getMessage(), null);
        } catch (Exception e) {
            return Problem.response(503, "carrier-unavailable", "Carrier unavailable",
                    "The carrier could not be reached (" + e.getClass().getSimpleName() + "); try again later", null);
        }
        PickupView pickup = new PickupView(UUID.randomUUID(), carrier, confirmation.confirmationNumber(), confirmation.date(),
                confirmation.readyFrom(), confirmation.readyUntil(), body.address(), List.copyOf(body.shipmentIds()),
                trackingNumbers, OffsetDateTime.now(ZoneOffset.UTC));
        save(tenant, pickup);
        return Response.created(URI.create("/api/v1/pickups/" + pickup.id())).entity(pickup)
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A booked pickup")
    public Response get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound();
        }
        String tenant = caller.tenant();
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT carrier, confirmation_number, pickup_date, ready_from, ready_until, address::text,
                           shipment_ids, tracking_numbers, created_at
                      FROM pickups WHERE id = ? AND tenant_id = ?
                    """)) {
                select.setObject(1, uuid);
                select.setString(2, tenant);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return notFound();
                    }
                    return Response.ok(new PickupView(uuid, rs.getString(1), rs.getString(2),
                            rs.getDate(3).toLocalDate(), rs.getTime(4).toLocalTime(), rs.getTime(5).toLocalTime(),
                            JSON.readValue(rs.getString(6), Address.class),
                            Arrays.asList((String[]) rs.getArray(7).getArray()),
                            Arrays.asList((String[]) rs.getArray(8).getArray()),
                            rs.getObject(9, OffsetDateTime.class)), MediaType.APPLICATION_JSON).build();
                }
            }
        });
    }

    private void save(String tenant, PickupView pickup) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO pickups (id, tenant_id, carrier, confirmation_number, pickup_date, ready_from, ready_until,
                                         address, shipment_ids, tracking_numbers, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                    """)) {
                insert.setObject(1, pickup.id());
                insert.setString(2, tenant);
                insert.setString(3, pickup.carrier());
                insert.setString(4, pickup.confirmationNumber());
                insert.setDate(5, Date.valueOf(pickup.date()));
                insert.setTime(6, Time.valueOf(pickup.readyFrom()));
                insert.setTime(7, Time.valueOf(pickup.readyUntil()));
                insert.setString(8, JSON.writeValueAsString(pickup.address()));
                insert.setArray(9, c.createArrayOf("text", pickup.shipmentIds().toArray()));
                insert.setArray(10, c.createArrayOf("text", pickup.trackingNumbers().toArray()));
                insert.setObject(11, pickup.createdAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static List<Problem.Violation> validate(NewPickup body) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (body == null) {
            return List.of(new Problem.Violation("$", "a JSON body is required"));
        }
        if (body.carrier() == null || body.carrier().isBlank()) {
            violations.add(new Problem.Violation("carrier", "is required"));
        }
        if (body.date() == null) {
            violations.add(new Problem.Violation("date", "is required"));
        } else if (body.date().isBefore(LocalDate.now(ZoneOffset.UTC))) {
            violations.add(new Problem.Violation("date", "must not be in the past"));
        } else if (body.date().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(90))) {
            // Carriers book pickups days ahead; a far date is a mistake (or a number read as epoch days).
            violations.add(new Problem.Violation("date", "must be within 90 days"));
        }
        if (body.readyFrom() == null) {
            violations.add(new Problem.Violation("readyFrom", "is required"));
        }
        if (body.readyUntil() == null) {
            violations.add(new Problem.Violation("readyUntil", "is required"));
        }
        if (body.readyFrom() != null && body.readyUntil() != null && !body.readyUntil().isAfter(body.readyFrom())) {
            violations.add(new Problem.Violation("readyUntil", "must be after readyFrom"));
        }
        if (body.address() == null) {
            violations.add(new Problem.Violation("address", "is required"));
        } else if (body.address().country() == null || body.address().city() == null) {
            violations.add(new Problem.Violation("address", "needs city and country"));
        }
        if (body.shipmentIds() == null || body.shipmentIds().isEmpty()) {
            violations.add(new Problem.Violation("shipmentIds", "at least one shipment is required"));
        }
        return violations;
    }

    private static Response invalid(List<Problem.Violation> violations) {
        return Problem.response(422, "invalid-pickup", "Invalid pickup request",
                "The pickup request has " + violations.size() + " problem(s)", violations);
    }

    private static Response notFound() {
        return Problem.response(404, "not-found", "Not found", "No such pickup", null);
    }
}
