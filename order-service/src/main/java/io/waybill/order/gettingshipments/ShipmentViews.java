package io.waybill.order.gettingshipments;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.waybill.contracts.ContractsJson;
import io.waybill.order.shipment.Shipment;
import io.waybill.order.shipment.ShipmentDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code shipment_view} projection: written from the folded state in the command's transaction. */
public final class ShipmentViews {

    private ShipmentViews() {
    }

    public static void save(Connection c, Shipment shipment, long version) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO shipment_view (shipment_id, tenant_id, order_reference, status, carrier, service, label_format,
                                           tracking_number, tracking_status, tracking_status_at, details, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (shipment_id) DO UPDATE SET
                    status = excluded.status, tracking_number = excluded.tracking_number,
                    tracking_status = excluded.tracking_status, tracking_status_at = excluded.tracking_status_at,
                    version = excluded.version, updated_at = now()
                """)) {
            ShipmentDetails d = shipment.details();
            upsert.setString(1, shipment.id());
            upsert.setString(2, shipment.tenantId());
            upsert.setString(3, d.orderReference());
            upsert.setString(4, shipment.status().name());
            upsert.setString(5, d.carrier());
            upsert.setString(6, d.service());
            upsert.setString(7, d.labelFormat());
            upsert.setString(8, shipment.trackingNumber());
            upsert.setString(9, shipment.trackingStatus() == null ? null : shipment.trackingStatus().name());
            upsert.setObject(10, shipment.trackingStatusAt());
            upsert.setString(11, json(d));
            upsert.setLong(12, version);
            upsert.executeUpdate();
        }
    }

    public static Optional<ShipmentView> find(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE shipment_id = ?")) {
            select.setString(1, shipmentId);
            List<ShipmentView> views = read(select);
            return views.stream().findFirst();
        }
    }

    /** Tenant rows only, newest first; a tenant of {@code null} (admin) sees all. */
    public static List<ShipmentView> list(Connection c, String tenantId, String status, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT
                + " WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR status = ?)"
                + " ORDER BY created_at DESC LIMIT ?")) {
            select.setString(1, tenantId);
            select.setString(2, tenantId);
            select.setString(3, status);
            select.setString(4, status);
            select.setInt(5, limit);
            return read(select);
        }
    }

    private static final String SELECT = """
            SELECT shipment_id, order_reference, status, carrier, service, label_format, tracking_number, tracking_status,
                   tracking_status_at, details::text, version, created_at, updated_at, tenant_id
              FROM shipment_view
            """;

    private static List<ShipmentView> read(PreparedStatement select) throws SQLException {
        List<ShipmentView> views = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                views.add(new ShipmentView(rs.getString(1), rs.getString(14), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class), details(rs.getString(10)), rs.getLong(11),
                        rs.getObject(12, OffsetDateTime.class), rs.getObject(13, OffsetDateTime.class)));
            }
        }
        return views;
    }

    private static String json(ShipmentDetails details) {
        try {
            return ContractsJson.mapper().writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ShipmentDetails details(String json) {
        try {
            return ContractsJson.mapper().readValue(json, ShipmentDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
