package io.waybill.tracking.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.ContractsJson;
import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.tracking.tracking.Tracking;
import io.waybill.tracking.tracking.TrackingCommands;
import io.waybill.tracking.tracking.TrackingDecider.RecordCarrierEvent;
import io.waybill.tracking.tracking.TrackingDecider.Register;
import io.waybill.tracking.tracking.TrackingEvent;
import io.waybill.tracking.webhooks.SandboxWebhook.MalformedWebhook;
import io.waybill.tracking.webhooks.aggregator.AggregatorWebhook;
import io.waybill.tracking.normalizing.UnmappedCodes;
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
 * Where carrier events enter a timeline, whatever their source: a webhook is stored raw first, then
 * applied to its tracking, or kept as an orphan until the number is registered; a polled update goes
 * the same way (without a receipt). The decider de-duplicates across sources.
 */
@ApplicationScoped
public class CarrierEventIntake {

    public enum Outcome { APPLIED, DUPLICATE, ORPHAN, MALFORMED }

    public static final String WEBHOOK = "WEBHOOK";
    public static final String POLL = "POLL";

    /** The tracking after registration; {@code created}: this call registered it. */
    public record Registration(Tracking tracking, boolean created) {
    }

    private final TrackingCommands commands;
    private final UnmappedCodes unmapped;

    public CarrierEventIntake(TrackingCommands commands, UnmappedCodes unmapped) {
        this.commands = commands;
        this.unmapped = unmapped;
    }

    /**
     * A webhook read by the carrier's plug-in: one receipt per update (each with the raw body). The
     * overall outcome is APPLIED if any update was, else ORPHAN if any was, else DUPLICATE.
     */
    public Outcome receiveUpdates(Connection c, String carrier, String rawBody, List<TrackingUpdate> updates)
            throws SQLException {
        if (updates.isEmpty()) {
            store(c, carrier, null, Outcome.DUPLICATE, "no events in the webhook", rawBody, null);
            return Outcome.DUPLICATE;
        }
        Outcome overall = Outcome.DUPLICATE;
        for (TrackingUpdate update : updates) {
            String owner = AggregatorWebhook.CARRIER.equals(carrier) ? registeredCarrier(c, update.trackingNumber()) : carrier;
            Outcome outcome = record(c, owner, update, WEBHOOK);
            store(c, owner, update.trackingNumber(), outcome, null, rawBody, json(update));
            if (outcome == Outcome.APPLIED || (outcome == Outcome.ORPHAN && overall == Outcome.DUPLICATE)) {
                overall = outcome;
            }
        }
        return overall;
    }

    /**
     * The carrier a number pushed by an aggregator is registered with; {@code aggregator} (an orphan
     * until registration) when no carrier or more than one follows it.
     */
    private static String registeredCarrier(Connection c, String trackingNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT carrier FROM trackings WHERE tracking_number = ? LIMIT 2")) {
            select.setString(1, trackingNumber);
            List<String> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found.size() == 1 ? found.get(0) : AggregatorWebhook.CARRIER;
        }
    }

    /** One normalized carrier update (webhook or poll) applied to its tracking. */
    public Outcome record(Connection c, String carrier, TrackingUpdate update, String source) throws SQLException {
        // an orphan stored before ADR 0043 may say UNMAPPED: it is recorded as exception.unmapped
        NormalizedStatus normalized = NormalizedStatus.upgrade(update.status(), update.subStatus());
        if (normalized.unmapped()) {
            unmapped.count(carrier, update.carrierCode(), update.trackingNumber());
        }
        return apply(c, carrier, update.trackingNumber(), new RecordCarrierEvent(update.carrierCode(), normalized,
                update.description(), update.location(), source, update.occurredAt(), now(), update.estimatedDelivery(),
                update.carrier()));
    }

    public Registration register(Connection c, String carrier, String trackingNumber, String shipmentId, String tenantId,
            OffsetDateTime at, String returnId, String causationId) throws SQLException {
        return register(c, carrier, trackingNumber, shipmentId, tenantId, at, null, returnId, causationId);
    }

    /**
     * Registers the number once (a second registration changes nothing), puts it on the poll schedule
     * (due at once) and applies the webhooks that came before it.
     */
    public Registration register(Connection c, String carrier, String trackingNumber, String shipmentId, String tenantId,
            OffsetDateTime at, String reference, String returnId, String causationId) throws SQLException {
        lock(c, carrier, trackingNumber);
        Decision<Tracking, TrackingEvent> decision = commands.handle(c, carrier, trackingNumber,
                new Register(trackingNumber, carrier, shipmentId, tenantId, at, reference, returnId),
                EventMetadata.of(tenantId, shipmentId, causationId));
        if (decision.events().isEmpty()) {
            return new Registration(decision.state(), false);
        }
        schedule(c, carrier, trackingNumber);
        for (Orphan orphan : orphans(c, carrier, trackingNumber)) {
            if (orphan.updateJson() != null) {
                record(c, carrier, update(orphan.updateJson()), WEBHOOK);
            } else {
                try {
                    SandboxWebhook webhook = SandboxWebhook.parse(orphan.body());
                    record(c, carrier, webhook.toUpdate(), WEBHOOK);
                } catch (MalformedWebhook e) {
                    throw new IllegalStateException("An orphan receipt was stored unparsed", e);
                }
            }
            markApplied(c, orphan.id());
        }
        return new Registration(commands.load(c, carrier, trackingNumber), true);
    }

    private Outcome apply(Connection c, String carrier, String trackingNumber, RecordCarrierEvent event) throws SQLException {
        lock(c, carrier, trackingNumber);
        Tracking tracking = commands.load(c, carrier, trackingNumber);
        if (!tracking.registered()) {
            return Outcome.ORPHAN;
        }
        var decision = commands.handle(c, carrier, trackingNumber, event,
                returnId(EventMetadata.of(tracking.tenantId(), tracking.shipmentId(), null)
                        .with("shipmentId", tracking.shipmentId()).with("carrier", carrier), tracking.returnId()));
        return decision.events().isEmpty() ? Outcome.DUPLICATE : Outcome.APPLIED;
    }

    /**
     * Serializes a webhook and a registration of the same number: without it, a webhook could store
     * its orphan receipt while a concurrent registration looks for orphans and misses it.
     */
    private static void lock(Connection c, String carrier, String trackingNumber) throws SQLException {
        try (java.sql.PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "tracking:" + carrier + ":" + trackingNumber);
            lock.executeQuery().close();
        }
    }

    /** StatusChanged of a return label's parcel names the return (publication reads it from the metadata). */
    private static EventMetadata returnId(EventMetadata metadata, String returnId) {
        return returnId == null ? metadata : metadata.with("returnId", returnId);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private record Orphan(long id, String body, String updateJson) {
    }

    private static void schedule(Connection c, String carrier, String trackingNumber) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO poll_schedule (carrier, tracking_number, next_poll_at) VALUES (?, ?, now())
                ON CONFLICT (carrier, tracking_number) DO NOTHING
                """)) {
            insert.setString(1, carrier);
            insert.setString(2, trackingNumber);
            insert.executeUpdate();
        }
    }

    private static List<Orphan> orphans(Connection c, String carrier, String trackingNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, raw_body, update_json FROM webhook_receipts
                 WHERE carrier IN (?, 'aggregator') AND tracking_number = ? AND outcome = 'ORPHAN' ORDER BY id FOR UPDATE
                """)) {
            select.setString(1, carrier);
            select.setString(2, trackingNumber);
            List<Orphan> orphans = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    orphans.add(new Orphan(rs.getLong(1), rs.getString(2), rs.getString(3)));
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

    private static void store(Connection c, String carrier, String trackingNumber, Outcome outcome, String reason, String body,
            String updateJson) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO webhook_receipts (carrier, tracking_number, outcome, reason, raw_body, update_json)
                VALUES (?, ?, ?, ?, ?, ?)
                """)) {
            insert.setString(1, carrier);
            insert.setString(2, trackingNumber);
            insert.setString(3, outcome.name());
            insert.setString(4, reason);
            insert.setString(5, body);
            insert.setString(6, updateJson);
            insert.executeUpdate();
        }
    }

    /** Stores a receipt for a webhook refused by its carrier's plug-in (malformed), body kept for inspection. */
    public void storeMalformed(Connection c, String carrier, String reason, String body) throws SQLException {
        store(c, carrier, null, Outcome.MALFORMED, reason, body, null);
    }

    private static String json(TrackingUpdate update) {
        try {
            return ContractsJson.mapper().writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrackingUpdate update(String json) {
        try {
            return ContractsJson.mapper().readValue(json, TrackingUpdate.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An orphan's stored update cannot be read", e);
        }
    }
}
