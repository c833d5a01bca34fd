package io.waybill.returns.registering;

import io.agroal.api.AgroalDataSource;
import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ReturnItem;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Transactions;
import io.waybill.returns.fromorders.ShippedShipment;
import io.waybill.returns.fromorders.ShippedShipments;
import io.waybill.returns.gettingreturns.GettingReturnsResource;
import io.waybill.returns.gettingreturns.ReturnView;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.labels.OutboundParcels;
import io.waybill.returns.labels.ReturnParcels;
import io.waybill.returns.labels.ReturnWarehouses;
import io.waybill.returns.platform.Caller;
import io.waybill.returns.platform.Problem;
import io.waybill.returns.returning.InspectedItem;
import io.waybill.returns.returning.ItemViolation;
import io.waybill.returns.returning.ReturnCommand.Inspect;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommands;
import io.waybill.returns.returning.ReturnLabelOrder;
import io.waybill.returns.returning.ReturnSource;
import io.waybill.returns.returning.ReturnableItems;
import io.waybill.returns.returning.ShipmentReturns;
import io.waybill.returns.returning.UnprocessableReturn;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Returns the ERP reports: registration (checked against what was shipped and what earlier returns
 * of the shipment already claim) and the warehouse's inspection.
 */
@Path("/api/v1/returns")
@Produces(MediaType.APPLICATION_JSON)
public class ReturnRegistrationResource {

    /** Bounds that keep every sum of quantities far inside an int (1,000 lines of at most 100,000 units). */
    static final int MAX_ITEMS = 1_000;
    static final int MAX_QUANTITY = 100_000;


    static final int MAX_REASON = 500;

    static final int MAX_LABEL_TEXT = 64;
    static final int MAX_REFERENCE = 100;

    private final AgroalDataSource dataSource;
    private final ReturnCommands commands;
    private final ReturnWarehouses warehouses;
    private final Caller caller;

    public ReturnRegistrationResource(AgroalDataSource dataSource, ReturnCommands commands, ReturnWarehouses warehouses,
            Caller caller) {
        this.dataSource = dataSource;
        this.commands = commands;
        this.warehouses = warehouses;
        this.caller = caller;
    }

    /**
     * The return label to request: from the customer (the shipment's recipient) to the tenant's returns
     * warehouse (else the shipment's sender), with the named carrier or the outbound one.
     */
    private ReturnLabelOrder labelOrder(Connection c, ShippedShipment shipped, List<ReturnItem> items,
            ReturnRequest.LabelOptions options, String returnId) throws SQLException {
        if (!shipped.knowsAddressesAndParcels()) {
            throw new UnprocessableReturn("No return label can be made for this shipment", List.of(new ItemViolation(
                    "returnLabel", "the shipment's addresses and parcels were not recorded (validated before return"
                            + " labels existed)")));
        }
        String carrier = options.carrier() != null ? options.carrier()
                : OutboundParcels.carrierOf(c, shipped.shipmentId()).orElse(shipped.carrier());
        if (carrier == null) {
            throw new UnprocessableReturn("No return label can be made for this shipment", List.of(new ItemViolation(
                    "returnLabel.carrier", "the shipment's carrier is not known yet (its label was not generated): name one")));
        }
        String format = options.format() != null ? options.format()
                : "ZPL".equals(shipped.labelFormat()) ? "ZPL" : "PDF";
        Address recipient = warehouses.of(shipped.tenantId()).map(ReturnWarehouses.ReturnWarehouse::address)
                .orElse(shipped.sender());
        return new ReturnLabelOrder(carrier, options.service(), format, shipped.recipient(), recipient,
                List.of(ReturnParcels.of(shipped.parcels(), items)),
                options.reference() != null ? options.reference() : returnId);
    }

    /** {@code returnLabel}: absent, false, true, or an object of options; each wrong field is a violation. */
    private static ReturnRequest.LabelOptions labelOptions(JsonNode node, List<Problem.Violation> violations) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
            return null;
        }
        if (node.isBoolean()) {
            return new ReturnRequest.LabelOptions(null, null, null, null);
        }
        if (!node.isObject()) {
            violations.add(new Problem.Violation("returnLabel", "must be true, false or an object"));
            return null;
        }
        String carrier = labelText(node, "carrier", MAX_LABEL_TEXT, violations);
        String service = labelText(node, "service", MAX_LABEL_TEXT, violations);
        String format = labelText(node, "format", 3, violations);
        String reference = labelText(node, "reference", MAX_REFERENCE, violations);
        if (format != null && !format.equals("PDF") && !format.equals("ZPL")) {
            violations.add(new Problem.Violation("returnLabel.format", "must be PDF or ZPL"));
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!List.of("carrier", "service", "format", "reference").contains(field)) {
                violations.add(new Problem.Violation("returnLabel." + field, "is not a return label option"));
            }
        });
        return new ReturnRequest.LabelOptions(carrier, service, format, reference);
    }

    private static String labelText(JsonNode options, String field, int max, List<Problem.Violation> violations) {
        JsonNode value = options.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            violations.add(new Problem.Violation("returnLabel." + field, "must be a non-empty string"));
            return null;
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            violations.add(new Problem.Violation("returnLabel." + field, "must be at most " + max + " characters"));
        }
        return text;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("erp")
    @Operation(summary = "Register a return",
            description = "The items (SKU and quantity) must have been shipped and not be claimed by an earlier return of "
                    + "the shipment. Optional header Idempotency-Key (1-200 characters): the same key with the same body "
                    + "answers 200 with the return it made; with another body, 409. With returnLabel, a return label is "
                    + "requested from label-service (ReturnLabelRequested): from the shipment's recipient to the tenant's "
                    + "returns warehouse (else the shipment's sender); its tracking number (or failure) shows in the "
                    + "return's returnLabel and returnTrackingNumber.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    @APIResponse(responseCode = "400", description = "Malformed request, each problem listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such shipment (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "More than was shipped, or SKUs not shipped, each listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@HeaderParam("Idempotency-Key") String idempotencyKey, ReturnRequest request) {
        List<Problem.Violation> malformed = malformed(request);
        ReturnRequest.LabelOptions labelOptions = request == null ? null : labelOptions(request.returnLabel(), malformed);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            malformed.add(new Problem.Violation("Idempotency-Key", "must be 1 to 200 characters"));
        }
        if (!malformed.isEmpty()) {
            return Problem.response(400, "malformed-request", "Malformed request", malformed.size() + " violation(s)",
                    malformed);
        }
        String tenant = caller.tenant();
        String shipmentId = request.shipmentId().strip();
        List<ReturnItem> items = ReturnableItems.items(ReturnableItems.bySku(request.items().stream()
                .map(i -> new ReturnItem(i.sku().strip(), i.quantity())).toList()));
        ReturnRequest normalized = new ReturnRequest(shipmentId, items, request.reason().strip(),
                labelOptions == null ? null : ContractsJson.mapper().valueToTree(labelOptions));
        String requestHash = hash(normalized);
        String newId = "ret_" + UUID.randomUUID();
        try {
            Registration outcome = Transactions.inTransaction(dataSource, c -> {
                if (idempotencyKey != null) {
                    Optional<Registration> earlier = claimKey(c, tenant, idempotencyKey, requestHash, newId);
                    if (earlier.isPresent()) {
                        return earlier.get();
                    }
                }
                ShipmentReturns.lock(c, shipmentId);
                ShippedShipment shipped = ShippedShipments.find(c, shipmentId).filter(s -> s.tenantId().equals(tenant))
                        .orElseThrow(() -> new Rejected(Problem.response(404, "not-found", "Not found", "No such shipment",
                                List.of(new Problem.Violation("shipmentId", "no such shipment")))));
                Map<String, Integer> returnable = ShipmentReturns.returnable(shipped, ReturnViews.ofShipment(c, shipmentId));
                List<ItemViolation> violations = ReturnableItems.violations(items, shipped.items(), returnable);
                if (!violations.isEmpty()) {
                    throw new UnprocessableReturn("The items cannot be returned", violations);
                }
                ReturnLabelOrder labelOrder = labelOptions == null ? null
                        : labelOrder(c, shipped, items, labelOptions, newId);
                Optional<ReturnWarehouses.ReturnWarehouse> returnsWarehouse = labelOrder == null ? Optional.empty()
                        : warehouses.of(tenant);
                String warehouseId = returnsWarehouse.map(ReturnWarehouses.ReturnWarehouse::id)
                        .orElse(shipped.warehouseId());
                commands.handle(c, newId, new OpenReturn(newId, shipmentId, tenant, ReturnSource.API, normalized.reason(),
                        items, null, OffsetDateTime.now(ZoneOffset.UTC), warehouseId, labelOrder != null, labelOrder),
                        EventMetadata.of(tenant, idempotencyKey == null ? newId : idempotencyKey, null)
                                .with("subject", caller.subject()));
                return new Registration(ReturnViews.find(c, newId).orElseThrow(), true, false);
            });
            if (outcome.conflict()) {
                return Problem.response(409, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used with a different return", null);
            }
            return Response.status(outcome.created() ? 201 : 200)
                    .location(URI.create("/api/v1/returns/" + outcome.view().id()))
                    .tag(String.valueOf(outcome.view().version()))
                    .entity(outcome.view()).build();
        } catch (Rejected rejected) {
            return rejected.response;
        }
    }

    @POST
    @Path("/{id}/inspection")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("erp")
    @Operation(summary = "Record the warehouse's inspection",
            description = "Every returned unit, per SKU, as RESTOCK, DAMAGED or MISSING. Stock is adjusted for RESTOCK "
                    + "units only (one StockAdjusted per SKU) and the return closes. The same inspection sent again "
                    + "answers 200; a return already closed (e.g. restocked on receipt) answers 409.")
    @APIResponse(responseCode = "200", description = "Inspected and closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReturnView.class)))
    @APIResponse(responseCode = "404", description = "No such return (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already inspected differently, or closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The inspection does not account for the returned units",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response inspect(@PathParam("id") String id, InspectionRequest request) {
        List<Problem.Violation> malformed = new ArrayList<>();
        if (request == null || request.items() == null || request.items().isEmpty()) {
            malformed.add(new Problem.Violation("items", "must list the inspected items"));
        } else if (request.items().size() > MAX_ITEMS) {
            malformed.add(new Problem.Violation("items", "at most " + MAX_ITEMS + " lines"));
        } else {
            for (int i = 0; i < request.items().size(); i++) {
                InspectedItem item = request.items().get(i);
                if (item == null) {
                    malformed.add(new Problem.Violation("items[" + i + "]", "must not be null"));
                    continue;
                }
                if (blank(item.sku())) {
                    malformed.add(new Problem.Violation("items[" + i + "].sku", "is required"));
                }
                if (item.outcome() == null) {
                    malformed.add(new Problem.Violation("items[" + i + "].outcome", "must be RESTOCK, DAMAGED or MISSING"));
                }
                if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                    malformed.add(new Problem.Violation("items[" + i + "].quantity", "must be 1 to " + MAX_QUANTITY));
                }
            }
        }
        if (!malformed.isEmpty()) {
            return Problem.response(400, "malformed-request", "Malformed request", malformed.size() + " violation(s)",
                    malformed);
        }
        String tenant = caller.tenant();
        List<InspectedItem> items = request.items().stream()
                .map(i -> new InspectedItem(i.sku().strip(), i.outcome(), i.quantity())).toList();
        Optional<ReturnView> view = Transactions.inTransaction(dataSource, c -> {
            Optional<ReturnView> existing = ReturnViews.find(c, id).filter(v -> v.tenantId().equals(tenant));
            if (existing.isEmpty()) {
                return existing;
            }
            commands.handle(c, id, new Inspect(items, OffsetDateTime.now(ZoneOffset.UTC)),
                    EventMetadata.of(tenant, existing.get().shipmentId(), null).with("subject", caller.subject()));
            return ReturnViews.find(c, id);
        });
        return view.map(v -> Response.ok(v).tag(String.valueOf(v.version())).build())
                .orElseGet(GettingReturnsResource::notFound);
    }

    private static List<Problem.Violation> malformed(ReturnRequest r) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (r == null) {
            violations.add(new Problem.Violation("$", "a body is required"));
            return violations;
        }
        if (blank(r.shipmentId())) {
            violations.add(new Problem.Violation("shipmentId", "is required"));
        } else if (r.shipmentId().length() > 128) {
            violations.add(new Problem.Violation("shipmentId", "must be at most 128 characters"));
        }
        if (blank(r.reason())) {
            violations.add(new Problem.Violation("reason", "is required"));
        } else if (r.reason().length() > MAX_REASON) {
            violations.add(new Problem.Violation("reason", "must be at most " + MAX_REASON + " characters"));
        }
        if (r.items() == null || r.items().isEmpty()) {
            violations.add(new Problem.Violation("items", "must list at least one item"));
        } else if (r.items().size() > MAX_ITEMS) {
            violations.add(new Problem.Violation("items", "at most " + MAX_ITEMS + " lines"));
        } else {
            for (int i = 0; i < r.items().size(); i++) {
                ReturnItem item = r.items().get(i);
                if (item == null) {
                    violations.add(new Problem.Violation("items[" + i + "]", "must not be null"));
                    continue;
                }
                if (blank(item.sku())) {
                    violations.add(new Problem.Violation("items[" + i + "].sku", "is required"));
                }
                if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
                    violations.add(new Problem.Violation("items[" + i + "].quantity", "must be 1 to " + MAX_QUANTITY));
                }
            }
        }
        return violations;
    }

    private record Registration(ReturnView view, boolean created, boolean conflict) {
    }

    /** Answers the request with {@code response} and rolls the transaction (and the claimed key) back. */
    private static final class Rejected extends RuntimeException {

        private final transient Response response;

        Rejected(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    /** Records the key, or returns what an earlier request with this key produced. */
    private static Optional<Registration> claimKey(Connection c, String tenant, String key, String hash, String newId)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, return_id)
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
                "SELECT request_hash, return_id FROM idempotency_keys WHERE tenant_id = ? AND idempotency_key = ?")) {
            select.setString(1, tenant);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(hash)) {
                    return Optional.of(new Registration(null, false, true));
                }
                return Optional.of(new Registration(ReturnViews.find(c, rs.getString(2)).orElseThrow(), false, false));
            }
        }
    }

    private static String hash(ReturnRequest request) {
        try {
            byte[] json = ContractsJson.mapper().writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
