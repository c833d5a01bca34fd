package io.waybill.order.gettingshipments;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.order.platform.Caller;
import io.waybill.order.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The ERP's view of its shipments. Another tenant's shipment is indistinguishable from a missing one (404). */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"erp", "admin"})
public class GettingShipmentsResource {

    public static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> STATUSES = Set.of("ACCEPTED", "LABELLED", "LABEL_FAILED", "CANCELLED");

    private final AgroalDataSource dataSource;
    private final Caller caller;

    public GettingShipmentsResource(AgroalDataSource dataSource, Caller caller) {
        this.dataSource = dataSource;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One shipment: status, tracking numbers, label links, last event time")
    public Response get(@PathParam("id") String id) {
        return Transactions.inTransaction(dataSource, c -> ShipmentViews.find(c, id))
                .filter(view -> caller.maySee(view.tenantId()))
                .map(view -> Response.ok(view).tag(String.valueOf(view.version())).build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", "No such shipment", null));
    }

    @GET
    @Operation(summary = "The tenant's shipments, newest first",
            description = "Filters: status, orderRef, createdFrom/createdTo (ISO-8601 with offset, from inclusive, to exclusive). "
                    + "Page with limit (1-" + MAX_PAGE_SIZE + ", default 50) and the previous page's nextCursor.")
    public Response list(@QueryParam("status") String status, @QueryParam("orderRef") String orderReference,
            @QueryParam("createdFrom") String createdFrom, @QueryParam("createdTo") String createdTo,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            violations.add(new Problem.Violation("status", "must be one of " + STATUSES));
        }
        OffsetDateTime from = instant(createdFrom, "createdFrom", violations);
        OffsetDateTime to = instant(createdTo, "createdTo", violations);
        if (from != null && to != null && !from.isBefore(to)) {
            violations.add(new Problem.Violation("createdFrom", "must be before createdTo (from inclusive, to exclusive)"));
        }
        ShipmentQuery.Cursor after = null;
        if (cursor != null) {
            after = ShipmentQuery.Cursor.decode(cursor);
            if (after == null) {
                violations.add(new Problem.Violation("cursor", "is not a cursor from a previous page"));
            }
        }
        int size = 50;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
                if (size < 1 || size > MAX_PAGE_SIZE) {
                    violations.add(new Problem.Violation("limit", "must be between 1 and " + MAX_PAGE_SIZE));
                }
            } catch (NumberFormatException e) {
                violations.add(new Problem.Violation("limit", "must be a whole number"));
            }
        }
        if (!violations.isEmpty()) {
            return Problem.response(400, "malformed-request", "Malformed request", violations.size() + " violation(s)", violations);
        }
        ShipmentQuery query = new ShipmentQuery(caller.isAdmin() ? null : caller.tenant(), status, orderReference, from, to,
                after, size + 1);
        List<ShipmentView> rows = Transactions.inTransaction(dataSource, c -> ShipmentViews.list(c, query));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ShipmentView last = rows.get(size - 1);
            next = new ShipmentQuery.Cursor(last.createdAt(), last.id()).encode();
        }
        return Response.ok(new ShipmentPage(rows, next)).build();
    }

    private static OffsetDateTime instant(String text, String field, List<Problem.Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            // ISO-8601 allows years like -999999999; nothing here was created outside these years.
            if (parsed.getYear() < 1970 || parsed.getYear() > 9999) {
                violations.add(new Problem.Violation(field, "must be a date-time between the years 1970 and 9999"));
                return null;
            }
            return parsed;
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T00:00:00Z"));
            return null;
        }
    }
}
