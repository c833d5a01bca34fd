package io.waybill.order.intake;

import io.agroal.api.AgroalDataSource;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Parcel;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Transactions;
import io.waybill.order.gettingshipments.ShipmentView;
import io.waybill.order.gettingshipments.ShipmentViews;
import io.waybill.order.platform.Caller;
import io.waybill.order.platform.Problem;
import io.waybill.order.routing.FulfillmentRouting;
import io.waybill.order.shipment.ShipmentCommand.AcceptShipment;
import io.waybill.order.shipment.ShipmentCommand.CancelShipment;
import io.waybill.order.shipment.ShipmentCommands;
import io.waybill.order.shipment.ShipmentDetails;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Shipment intake: validate, accept (ShipmentAccepted → ShipmentValidated via the outbox), cancel. */
@Path("/api/v1/shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentIntakeResource {

    private final AgroalDataSource dataSource;
    private final ShipmentCommands commands;
    private final Caller caller;
    private final IntakeRules rules;
    private final FulfillmentRouting routing;

    public ShipmentIntakeResource(AgroalDataSource dataSource, ShipmentCommands commands, Caller caller, IntakeConfig config,
            FulfillmentRouting routing) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.caller = caller;
        this.rules = IntakeRules.from(config);
        this.routing = routing;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("erp")
    @Operation(summary = "Submit a shipment", description = "Validates the shipment and accepts it, or lists every violation (422).")
    public Response submit(@HeaderParam("Idempotency-Key") String idempotencyKey, ShipmentDetails request) {
        List<Problem.Violation> violations = new java.util.ArrayList<>(
                ShipmentValidator.validate(request, rules, java.time.LocalDate.now(ZoneOffset.UTC)));
        violations.addAll(routing.violations(request));
        if (!violations.isEmpty()) {
            return Problem.response(422, "invalid-shipment", "The shipment is not valid",
                    violations.size() + " violation(s)", violations);
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            return Problem.response(400, "malformed-request", "Malformed request", "Idempotency-Key must be 1 to 200 characters",
                    List.of(new Problem.Violation("Idempotency-Key", "must be 1 to 200 characters")));
        }
        ShipmentDetails requested = normalized(request);
        String tenant = caller.tenant();
        String requestHash = hash(requested);
        ShipmentDetails details = routing.route(tenant, requested);
        String newId = UUID.randomUUID().toString();
        Intake outcome = Transactions.inTransaction(dataSource, c -> {
            if (idempotencyKey != null) {
                Optional<Intake> earlier = claimKey(c, tenant, idempotencyKey, requestHash, newId);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            ShipmentView accepted = commands.accept(c, new AcceptShipment(newId, tenant, details, OffsetDateTime.now(ZoneOffset.UTC)),
                    EventMetadata.of(tenant, idempotencyKey == null ? newId : idempotencyKey, null).with("subject", caller.subject()));
            return new Intake(accepted, true, false);
        });
        if (outcome.conflict()) {
            return Problem.response(409, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used with a different shipment", null);
        }
        return Response.status(outcome.created() ? 201 : 200)
                .location(URI.create("/api/v1/shipments/" + outcome.view().id()))
                .entity(outcome.view()).build();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("erp")
    @Operation(summary = "Cancel a shipment the carrier has not scanned yet")
    public Response cancel(@PathParam("id") String id) {
        String tenant = caller.tenant();
        Optional<ShipmentView> view = Transactions.inTransaction(dataSource, c -> {
            Optional<ShipmentView> existing = ShipmentViews.find(c, id).filter(v -> v.tenantId().equals(tenant));
            if (existing.isEmpty()) {
                return existing;
            }
            commands.handle(c, id, new CancelShipment("cancelled by " + caller.subject(), OffsetDateTime.now(ZoneOffset.UTC)),
                    EventMetadata.of(tenant, id, null));
            return ShipmentViews.find(c, id);
        });
        return view.map(v -> Response.ok(v).build()).orElseGet(ShipmentIntakeResource::notFound);
    }

    static Response notFound() {
        return Problem.response(404, "not-found", "Not found", "No such shipment", null);
    }

    private record Intake(ShipmentView view, boolean created, boolean conflict) {
    }

    /** Records the key, or returns what an earlier request with this key produced. */
    private static Optional<Intake> claimKey(Connection c, String tenant, String key, String hash, String newId)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, shipment_id)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) {
            insert.setString(1, tenant);
            insert.setString(2, key);
            insert.setString(3, hash);
            insert.setString(4, newId);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT request_hash, shipment_id FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ?")) {
            select.setString(1, tenant);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(hash)) {
                    return Optional.of(new Intake(null, false, true));
                }
                return Optional.of(new Intake(ShipmentViews.find(c, rs.getString(2)).orElseThrow(), false, false));
            }
        }
    }

    private static ShipmentDetails normalized(ShipmentDetails d) {
        List<Parcel> parcels = d.parcels().stream()
                .map(p -> p.items() == null ? new Parcel(p.weightGrams(), p.dimensions(), List.of()) : p)
                .toList();
        return new ShipmentDetails(d.orderReference().trim(), d.sender(), d.recipient(), parcels, d.carrier(), d.service(),
                d.selectionRule(), d.labelFormat() == null ? "PDF" : d.labelFormat(), d.fiscalDocument(), d.fulfillment());
    }

    private static String hash(ShipmentDetails details) {
        try {
            byte[] json = ContractsJson.mapper().writeValueAsString(details).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
