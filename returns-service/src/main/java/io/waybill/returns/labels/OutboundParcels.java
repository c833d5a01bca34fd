package io.waybill.returns.labels;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code outbound_tracking_number} projection of LabelGenerated (outbound labels only). */
public final class OutboundParcels {

    /** Whose outbound parcel a tracking number is. */
    public record OutboundParcel(String shipmentId, String tenantId) {
    }

    private OutboundParcels() {
    }

    public static void save(Connection c, String carrier, String trackingNumber, String shipmentId, String tenantId)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO outbound_tracking_number (carrier, tracking_number, shipment_id, tenant_id)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) {
            insert.setString(1, carrier);
            insert.setString(2, trackingNumber);
            insert.setString(3, shipmentId);
            insert.setString(4, tenantId);
            insert.executeUpdate();
        }
    }

    public static Optional<OutboundParcel> find(Connection c, String carrier, String trackingNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT shipment_id, tenant_id FROM outbound_tracking_number WHERE carrier = ? AND tracking_number = ?")) {
            select.setString(1, carrier);
            select.setString(2, trackingNumber);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new OutboundParcel(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The carrier of the shipment's outbound label, if one was generated. */
    public static Optional<String> carrierOf(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT carrier FROM outbound_tracking_number WHERE shipment_id = ? ORDER BY recorded_at DESC LIMIT 1")) {
            select.setString(1, shipmentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
