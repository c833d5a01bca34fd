package io.waybill.tracking.recordingevents;

import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.platform.Caller;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.webhooks.CarrierEventIntake;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events of carriers without an API (an own fleet, a local courier), recorded by the ERP or the
 * carrier partner: they enter the timeline like any carrier event (source API, de-duplicated by code
 * and time, ordered by event time) and move the status through StatusChanged. Only the tenant that
 * follows the number may add to it; another tenant's number is a 404.
 */
@Path("/api/v1/trackings/{trackingNumber}/events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"erp", "carrier"})
public class ManualEventResource {

    public static final String SOURCE = "API";

    /** {@code code}: the courier's own code, if it has one (default MANUAL_<status>). */
    public record RecordEvent(String status, String occurredAt, String description, String location, String code) {
    }

    private final AgroalDataSource dataSource;
    private final CarrierEventIntake intake;
    private final Caller caller;

    public ManualEventResource(AgroalDataSource dataSource, CarrierEventIntake intake, Caller caller) {
        this.dataSource = dataSource;
        this.intake = intake;
        this.caller = caller;
    }

    @POST
    public Response record(@PathParam("trackingNumber") String trackingNumber, @QueryParam("carrier") String carrierParam,
            RecordEvent body) {
        List<Problem.Violation> violations = new ArrayList<>();
        TrackingStatus status = null;
        OffsetDateTime occurredAt = null;
        if (body == null) {
            violations.add(new Problem.Violation("$", "a body is required"));
        } else {
            if (body.status() == null || body.status().isBlank()) {
                violations.add(new Problem.Violation("status", "is required"));
            } else {
                try {
                    status = TrackingStatus.valueOf(body.status().strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    status = null;
                }
                if (status == null || status == TrackingStatus.UNMAPPED) {
                    violations.add(new Problem.Violation("status", "must be one of the normalized statuses (not UNMAPPED)"));
                    status = null;
                }
            }
            if (body.occurredAt() == null || body.occurredAt().isBlank()) {
                violations.add(new Problem.Violation("occurredAt", "is required"));
            } else {
                try {
                    occurredAt = OffsetDateTime.parse(body.occurredAt());
                    if (occurredAt.isAfter(OffsetDateTime.now().plusMinutes(5))) {
                        violations.add(new Problem.Violation("occurredAt", "must not be in the future"));
                    }
                } catch (DateTimeParseException e) {
                    violations.add(new Problem.Violation("occurredAt", "must be an ISO-8601 date-time with offset"));
                }
            }
            check(violations, "description", body.description(), 500);
            check(violations, "location", body.location(), 200);
            check(violations, "code", body.code(), 64);
        }
        if (!violations.isEmpty()) {
            return Problem.response(422, "invalid-event", "Invalid event", "The event cannot be recorded", violations);
        }
        String tenant = caller.tenant();
        String number = trackingNumber.strip().toUpperCase(Locale.ROOT);
        TrackingStatus newStatus = status;
        OffsetDateTime at = occurredAt;
        String code = body.code() == null || body.code().isBlank() ? "MANUAL_" + status.name() : body.code().strip();
        return Transactions.inTransaction(dataSource, c -> {
            List<String> carriers = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT carrier FROM trackings WHERE tracking_number = ? AND tenant_id = ? AND (? IS NULL OR carrier = ?)")) {
                select.setString(1, number);
                select.setString(2, tenant);
                select.setString(3, carrierParam);
                select.setString(4, carrierParam);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        carriers.add(rs.getString(1));
                    }
                }
            }
            if (carriers.isEmpty()) {
                return Problem.response(404, "not-found", "Not found", "No such tracking", null);
            }
            if (carriers.size() > 1) {
                return Problem.response(409, "ambiguous-tracking", "Ambiguous tracking number",
                        "The number is followed with several carriers; name one with ?carrier=", null);
            }
            String carrier = carriers.get(0);
            TrackingUpdate update = new TrackingUpdate(number, carrier, newStatus, code,
                    body.description() == null ? newStatus.name() : body.description(), body.location(), at);
            CarrierEventIntake.Outcome outcome = intake.record(c, carrier, update, SOURCE);
            return Response.status(outcome == CarrierEventIntake.Outcome.APPLIED ? 201 : 200)
                    .entity(Map.of("trackingNumber", number, "carrier", carrier, "outcome", outcome.name())).build();
        });
    }

    private static void check(List<Problem.Violation> violations, String field, String value, int max) {
        if (value != null && value.length() > max) {
            violations.add(new Problem.Violation(field, "must be at most " + max + " characters"));
        }
    }
}
