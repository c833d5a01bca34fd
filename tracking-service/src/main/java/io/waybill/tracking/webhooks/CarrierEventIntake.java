package io.waybill.tracking.webhooks;

import io.waybill.eventstore.EventMetadata;
import io.waybill.tracking.tracking.Tracking;
import io.waybill.tracking.tracking.TrackingCommands;
import io.waybill.tracking.tracking.TrackingDecider.RecordCarrierEvent;
import io.waybill.tracking.tracking.TrackingDecider.Register;
import io.waybill.tracking.webhooks.SandboxWebhook.MalformedWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Where carrier events enter a timeline: a webhook is stored raw first, then applied to its tracking,
 * or kept as an orphan until the number is registered.
 */
@ApplicationScoped
public class CarrierEventIntake {

    public enum Outcome { APPLIED, DUPLICATE, ORPHAN, MALFORMED }

    private final TrackingCommands commands;

    public CarrierEventIntake(TrackingCommands commands) {
        this.commands = commands;
    }

    public Outcome receive(Connection c, String carrier, String rawBody) throws SQLException {
        SandboxWebhook webhook;
        try {
            webhook = SandboxWebhook.parse(rawBody);
        } catch (MalformedWebhook e) {
            store(c, carrier, null, Outcome.MALFORMED, e.getMessage(), rawBody);
            return Outcome.MALFORMED;
        }
        Outcome outcome = apply(c, carrier, webhook, "WEBHOOK");
        store(c, carrier, webhook.trackingNumber(), outcome, null, rawBody);
        return outcome;
    }

    public void register(Connection c, String carrier, String trackingNumber, String shipmentId, String tenantId,
            OffsetDateTime at, String causationId) throws SQLException {
        commands.handle(c, carrier, trackingNumber, new Register(trackingNumber, carrier, shipmentId, tenantId, at),
                EventMetadata.of(tenantId, shipmentId, causationId));
        for (Orphan orphan : orphans(c, carrier, trackingNumber)) {
            try {
                apply(c, carrier, SandboxWebhook.parse(orphan.body()), "WEBHOOK");
                markApplied(c, orphan.id());
            } catch (MalformedWebhook e) {
                throw new IllegalStateException("An orphan receipt was stored unparsed", e);
            }
        }
    }

    private Outcome apply(Connection c, String carrier, SandboxWebhook webhook, String source) throws SQLException {
        Tracking tracking = commands.load(c, carrier, webhook.trackingNumber());
        if (!tracking.registered()) {
            return Outcome.ORPHAN;
        }
        var decision = commands.handle(c, carrier, webhook.trackingNumber(),
                new RecordCarrierEvent(webhook.code(), webhook.status(), webhook.description(), webhook.location(), source,
                        webhook.occurredAt(), OffsetDateTime.now(ZoneOffset.UTC)),
                EventMetadata.of(tracking.tenantId(), tracking.shipmentId(), null)
                        .with("shipmentId", tracking.shipmentId()).with("carrier", carrier));
        return decision.events().isEmpty() ? Outcome.DUPLICATE : Outcome.APPLIED;
    }

    private record Orphan(long id, String body) {
    }

    private static List<Orphan> orphans(Connection c, String carrier, String trackingNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, raw_body FROM webhook_receipts
                 WHERE carrier = ? AND tracking_number = ? AND outcome = 'ORPHAN' ORDER BY id FOR UPDATE
                """)) {
            select.setString(1, carrier);
            select.setString(2, trackingNumber);
            List<Orphan> orphans = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    orphans.add(new Orphan(rs.getLong(1), rs.getString(2)));
                }
            }
            return orphans;
        }
    }

    private static void markApplied(Connection c, long id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE webhook_receipts SET outcome = 'APPLIED' WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    private static void store(Connection c, String carrier, String trackingNumber, Outcome outcome, String reason, String body)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO webhook_receipts (carrier, tracking_number, outcome, reason, raw_body) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, carrier);
            insert.setString(2, trackingNumber);
            insert.setString(3, outcome.name());
            insert.setString(4, reason);
            insert.setString(5, body);
            insert.executeUpdate();
        }
    }
}
