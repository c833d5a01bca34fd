package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import io.waybill.eventstore.EventMetadata;
import io.waybill.returns.fromorders.ShippedShipment;
import io.waybill.returns.fromorders.ShippedShipments;
import io.waybill.returns.gettingreturns.ReturnView;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.returning.CarrierReport.Stage;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommand.RecordReturnLabel;
import io.waybill.returns.returning.ReturnCommand.ReportInTransit;
import io.waybill.returns.returning.ReturnCommand.ReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The returns of one shipment together: what they claim of what was shipped, and what a carrier's
 * report means for each. Callers hold the shipment's lock ({@link #lock}) for the whole transaction,
 * so an API registration and a carrier report of the same shipment never both claim the same units,
 * and the goods of a shipment are restocked once however many ways they were reported.
 *
 * <p>A carrier report for a shipment whose ShipmentValidated has not arrived yet is parked
 * ({@code parked_carrier_report}) and applied when it arrives, so it never opens a return without
 * items (ADR 0061).
 */
@ApplicationScoped
public class ShipmentReturns {

    private static final Logger LOG = Logger.getLogger(ShipmentReturns.class);

    private final ReturnCommands commands;
    private final ReturnPolicies policies;

    public ShipmentReturns(ReturnCommands commands, ReturnPolicies policies) {
        this.commands = commands;
        this.policies = policies;
    }

    /** Serializes everything that opens or advances returns of {@code shipmentId}, until the transaction ends. */
    public static void lock(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "waybill:returns-of-shipment:" + shipmentId);
            lock.execute();
        }
    }

    /** What the shipment's returns already claim, per return. */
    public static List<List<ReturnItem>> claims(List<ReturnView> returns) {
        return returns.stream().map(ReturnView::items).toList();
    }

    /** Units per SKU still returnable of {@code shipped}, given its returns. */
    public static Map<String, Integer> returnable(ShippedShipment shipped, List<ReturnView> returns) {
        return ReturnableItems.remaining(shipped.items(), claims(returns));
    }

    /**
     * The carrier says the shipment's goods come back. The parcel is the whole shipment, so a move
     * (in transit, received) applies to every return of it that travels on the original label (no
     * return label of its own), and a carrier return (id derived from the shipment) is opened for
     * whatever they do not claim yet: all shipped items if the carrier is first. Reported again, by
     * status or webhook in either order, nothing changes. Returns the ids of the affected returns;
     * none when the report was parked because the shipment is not known yet.
     */
    public List<String> carrierReported(Connection c, String shipmentId, String tenantId, CarrierReport report,
            EventMetadata metadata) throws SQLException {
        lock(c, shipmentId);
        Optional<ShippedShipment> shipped = ShippedShipments.find(c, shipmentId);
        if (shipped.isEmpty()) {
            park(c, shipmentId, null, null, tenantId, report, metadata.causationId());
            return List.of();
        }
        if (!shipped.get().tenantId().equals(tenantId)) {
            throw new ReturnRuleViolated("Shipment " + shipmentId + " belongs to another tenant");
        }
        String carrierReturnId = ReturnEvents.carrierReturnId(shipmentId);
        List<ReturnView> all = ReturnViews.ofShipment(c, shipmentId);
        List<ReturnView> others = all.stream().filter(r -> !r.id().equals(carrierReturnId)).toList();
        boolean carrierReturnExists = all.size() != others.size();
        if (all.stream().anyMatch(r -> !r.tenantId().equals(tenantId))) {
            throw new ReturnRuleViolated("Shipment " + shipmentId + " has returns of another tenant");
        }

        List<String> affected = new ArrayList<>();
        if (report.stage() != Stage.REGISTERED) {
            for (ReturnView other : others) {
                if (other.returnTrackingNumber() == null && !other.returnLabelRequested()) {
                    affected.add(other.id());
                }
            }
        }
        boolean carrierReturnOpen = carrierReturnExists;
        if (!carrierReturnExists) {
            List<ReturnItem> unclaimed = ReturnableItems.items(returnable(shipped.get(), others));
            // Everything is claimed by returns of the API already: they are the ones coming back.
            if (!unclaimed.isEmpty() || others.isEmpty()) {
                // The return parcel's number, when the carrier booked one, goes out with ReturnRegistered.
                commands.handle(c, carrierReturnId, OpenReturn.reportedByCarrier(shipmentId, tenantId, report.source(),
                        report.reason(), unclaimed, report.returnTrackingNumber(), report.at(),
                        shipped.get().warehouseId()), metadata);
                carrierReturnOpen = true;
            }
        }
        if (carrierReturnOpen) {
            if (report.returnTrackingNumber() != null) {
                commands.handle(c, carrierReturnId, new RecordReturnLabel(report.returnCarrier(),
                        report.returnTrackingNumber(), null, report.at()), metadata);
            }
            if (report.stage() != Stage.REGISTERED) {
                affected.add(carrierReturnId);
            }
        }
        for (String returnId : affected) {
            move(c, returnId, tenantId, report.stage(), report.reason(), report.at(), metadata);
        }
        return affected;
    }

    /** Moves one return: IN_TRANSIT puts it on its way, RECEIVED receives it under the tenant's policy now. */
    public void move(Connection c, String returnId, String tenantId, Stage stage, String description, OffsetDateTime at,
            EventMetadata metadata) throws SQLException {
        ReturnCommand command = switch (stage) {
            case REGISTERED -> null;
            case IN_TRANSIT -> new ReportInTransit(description, at);
            case RECEIVED -> new ReportReceived(policies.of(tenantId), at);
        };
        if (command != null) {
            commands.handle(c, returnId, command, metadata);
        }
    }

    /**
     * Keeps a report for later: by shipment id (its ShipmentValidated has not arrived) or, for a carrier
     * webhook that names only the outbound parcel, by the outbound tracking number (its LabelGenerated
     * has not arrived).
     */
    public static void park(Connection c, String shipmentId, String outboundCarrier, String outboundTracking,
            String tenantId, CarrierReport report, String messageId) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO parked_carrier_report (shipment_id, outbound_carrier, outbound_tracking, tenant_id, source,
                                                   stage, reason, occurred_at, return_carrier, return_tracking_number,
                                                   message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            insert.setString(1, shipmentId);
            insert.setString(2, outboundCarrier);
            insert.setString(3, outboundTracking);
            insert.setString(4, tenantId);
            insert.setString(5, report.source().name());
            insert.setString(6, report.stage().name());
            insert.setString(7, report.reason());
            insert.setObject(8, report.at());
            insert.setString(9, report.returnCarrier());
            insert.setString(10, report.returnTrackingNumber());
            insert.setString(11, messageId);
            insert.executeUpdate();
        }
        LOG.debugf("Parked a %s report of shipment %s / parcel %s until it is known", report.source(), shipmentId,
                outboundTracking);
    }

    /** The shipment is now known: applies, in arrival order, what was parked for it. Returns how many. */
    public int applyParked(Connection c, String shipmentId) throws SQLException {
        lock(c, shipmentId);
        List<Parked> parked = parked(c, "shipment_id = ?", shipmentId, null);
        for (Parked p : parked) {
            delete(c, p.id());
            // Reported under another tenant than the shipment's, it can never apply: dropped, with nothing half-written.
            applyOrDrop(c, shipmentId, p.tenantId(), p);
        }
        return parked.size();
    }

    /**
     * The outbound parcel {@code carrier}/{@code trackingNumber} is now known to be {@code shipmentId}'s:
     * applies the webhooks parked for it (which may park again by shipment until ShipmentValidated).
     */
    public int applyParkedForParcel(Connection c, String carrier, String trackingNumber, String shipmentId,
            String tenantId) throws SQLException {
        List<Parked> parked = parked(c, "outbound_carrier = ? AND outbound_tracking = ?", carrier, trackingNumber);
        for (Parked p : parked) {
            delete(c, p.id());
            applyOrDrop(c, shipmentId, tenantId, p);
        }
        return parked.size();
    }

    private record Parked(long id, String tenantId, CarrierReport report, String messageId) {
    }

    private void applyOrDrop(Connection c, String shipmentId, String tenantId, Parked p) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            carrierReported(c, shipmentId, tenantId, p.report(), EventMetadata.of(tenantId, shipmentId, p.messageId()));
            c.releaseSavepoint(before);
        } catch (ReturnRuleViolated violation) {
            c.rollback(before);
            LOG.warnf("Dropped a parked %s report of shipment %s: %s", p.report().source(), shipmentId,
                    violation.getMessage());
        }
    }

    private static List<Parked> parked(Connection c, String where, String first, String second) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id, tenant_id, source, stage, reason, occurred_at, return_carrier, return_tracking_number, message_id
                  FROM parked_carrier_report WHERE\s""" + where + " ORDER BY id FOR UPDATE")) {
            select.setString(1, first);
            if (second != null) {
                select.setString(2, second);
            }
            List<Parked> parked = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    parked.add(new Parked(rs.getLong(1), rs.getString(2), new CarrierReport(
                            ReturnSource.valueOf(rs.getString(3)), Stage.valueOf(rs.getString(4)), rs.getString(5),
                            rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8)), rs.getString(9)));
                }
            }
            return parked;
        }
    }

    private static void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM parked_carrier_report WHERE id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
        }
    }
}
