package io.waybill.returns.fromcarriers;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.Transactions;
import io.waybill.returns.fromcarriers.ReturnWebhookFormats.MalformedReturnWebhook;
import io.waybill.returns.labels.OutboundParcels;
import io.waybill.returns.platform.Problem;
import io.waybill.returns.returning.CarrierReport;
import io.waybill.returns.returning.ReturnRuleViolated;
import io.waybill.returns.returning.ReturnSource;
import io.waybill.returns.returning.ShipmentReturns;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Carrier return webhooks ({@code sandbox}, {@code koiki}). Authenticated like tracking-service's
 * carrier webhooks: {@code Waybill-Signature} HMAC over timestamp and body with the carrier's secret
 * ({@code waybill.returns.webhooks.<carrier>.secret}; a carrier without one has no endpoint), 5-minute
 * replay window. Every verified body is stored ({@code carrier_return_webhook}) in the transaction that
 * applies it, before the 202. The return it reports is the shipment's one carrier return, the same
 * one a RETURNING/RETURNED status opens, so reported both ways it is one return, restocked once.
 */
@Path("/webhooks/returns/{carrier}")
@PermitAll
public class ReturnWebhookResource {

    private static final Logger LOG = Logger.getLogger(ReturnWebhookResource.class);

    /** What became of a webhook; also the {@code outcome} column and the 202's body. */
    enum Outcome {
        /** Applied to the shipment's returns. */
        APPLIED,
        /** The shipment (or its outbound parcel) is not known yet: kept and applied when it is. */
        PARKED,
        /** A status that moves no return. */
        IGNORED,
        /** Can never apply (the parcel belongs to another tenant's shipment than its returns). */
        REJECTED,
        /** Did not fit the carrier's format. */
        MALFORMED
    }

    private final AgroalDataSource dataSource;
    private final ShipmentReturns returns;
    private final Config config;

    public ReturnWebhookResource(AgroalDataSource dataSource, ShipmentReturns returns, Config config) {
        this.dataSource = dataSource;
        this.returns = returns;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A carrier reports a return (carrier-signed, no token)",
            description = "Header Waybill-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\"> with the "
                    + "carrier's secret. 202 once stored (outcome APPLIED, PARKED until the shipment is known, IGNORED "
                    + "or REJECTED).")
    @APIResponse(responseCode = "202", description = "Stored")
    @APIResponse(responseCode = "400", description = "Stored, but not in the carrier's format; each field listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing, wrong or stale signature",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No return webhooks for this carrier",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response receive(@PathParam("carrier") String carrier,
            @HeaderParam(WebhookSignature.HEADER) String signature, byte[] bytes) {
        Optional<String> secret = ReturnWebhookFormats.CARRIERS.contains(carrier)
                ? config.getOptionalValue("waybill.returns.webhooks." + carrier + ".secret", String.class)
                        .filter(s -> !s.isBlank())
                : Optional.empty();
        if (secret.isEmpty()) {
            return Problem.response(404, "not-found", "Not found", "No return webhook endpoint for carrier " + carrier, null);
        }
        String body = new String(bytes == null ? new byte[0] : bytes, StandardCharsets.UTF_8);
        String problem = WebhookSignature.problem(secret.get(), signature, body, Instant.now());
        if (problem != null) {
            LOG.warnf("Refused %s return webhook: %s", carrier, problem);
            return Problem.response(401, "bad-signature", "Signature not accepted", problem, null);
        }
        CarrierReturnNotice notice;
        try {
            notice = ReturnWebhookFormats.parse(carrier, body);
        } catch (MalformedReturnWebhook malformed) {
            String detail = String.join("; ", malformed.violations().stream().map(v -> v[0] + " " + v[1]).toList());
            Transactions.inTransaction(dataSource, c -> store(c, carrier, body, Outcome.MALFORMED, detail));
            return Problem.response(400, "malformed-webhook", "Malformed webhook", "The body was stored for inspection",
                    malformed.violations().stream().map(v -> new Problem.Violation(v[0], v[1])).toList());
        }
        Map<String, Object> answer = Transactions.inTransaction(dataSource, c -> {
            long id = store(c, carrier, body, Outcome.APPLIED, null);
            Outcome outcome = apply(c, notice, "webhook-" + carrier + "-" + id);
            if (outcome != Outcome.APPLIED) {
                setOutcome(c, id, outcome);
            }
            return Map.<String, Object>of("webhookId", id, "outcome", outcome.name());
        });
        return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
    }

    private Outcome apply(Connection c, CarrierReturnNotice notice, String messageId) throws SQLException {
        if (notice.stage() == null) {
            return Outcome.IGNORED;
        }
        CarrierReport report = new CarrierReport(ReturnSource.CARRIER, notice.stage(), notice.reason(),
                notice.occurredAt(), notice.carrier(), notice.returnTrackingNumber());
        Optional<OutboundParcels.OutboundParcel> parcel = OutboundParcels.find(c, notice.carrier(),
                notice.outboundTrackingNumber());
        if (parcel.isEmpty()) {
            ShipmentReturns.park(c, null, notice.carrier(), notice.outboundTrackingNumber(), null, report, messageId);
            return Outcome.PARKED;
        }
        String shipmentId = parcel.get().shipmentId();
        String tenantId = parcel.get().tenantId();
        // Unknown shipment (its ShipmentValidated not here yet): carrierReported parks the report.
        boolean known = known(c, shipmentId);
        Savepoint before = c.setSavepoint();
        try {
            returns.carrierReported(c, shipmentId, tenantId, report, EventMetadata.of(tenantId, shipmentId, messageId));
            c.releaseSavepoint(before);
            return known ? Outcome.APPLIED : Outcome.PARKED;
        } catch (ReturnRuleViolated violation) {
            c.rollback(before); // the body stays stored, nothing of the return is half-written
            LOG.warnf("Rejected a %s return webhook: %s", notice.carrier(), violation.getMessage());
            return Outcome.REJECTED;
        }
    }

    private static boolean known(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM shipped_shipment WHERE shipment_id = ?")) {
            select.setString(1, shipmentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long store(Connection c, String carrier, String body, Outcome outcome, String detail)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO carrier_return_webhook (carrier, body, outcome, detail) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, carrier);
            insert.setString(2, body);
            insert.setString(3, outcome.name());
            insert.setString(4, detail);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void setOutcome(Connection c, long id, Outcome outcome) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE carrier_return_webhook SET outcome = ? WHERE id = ?")) {
            update.setString(1, outcome.name());
            update.setLong(2, id);
            update.executeUpdate();
        }
    }
}
