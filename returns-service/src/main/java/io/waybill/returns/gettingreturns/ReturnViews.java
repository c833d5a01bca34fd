package io.waybill.returns.gettingreturns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.Return;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code return_view} projection: written from the folded state in the command's transaction. */
public final class ReturnViews {

    private static final TypeReference<List<ReturnItem>> ITEMS = new TypeReference<>() {
    };

    private ReturnViews() {
    }

    public static void save(Connection c, Return ret, long version) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO return_view (return_id, tenant_id, shipment_id, status, source, reason, items,
                                         return_tracking_number, opened_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (return_id) DO UPDATE SET
                    status = excluded.status, reason = excluded.reason, items = excluded.items,
                    return_tracking_number = excluded.return_tracking_number,
                    version = excluded.version, updated_at = now()
                """)) {
            upsert.setString(1, ret.id());
            upsert.setString(2, ret.tenantId());
            upsert.setString(3, ret.shipmentId());
            upsert.setString(4, ret.status().name());
            upsert.setString(5, ret.source().name());
            upsert.setString(6, ret.reason());
            upsert.setString(7, json(ret.items()));
            upsert.setString(8, ret.returnTrackingNumber());
            upsert.setObject(9, ret.openedAt());
            upsert.setLong(10, version);
            upsert.executeUpdate();
        }
    }

    public static Optional<ReturnView> find(Connection c, String returnId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE return_id = ?")) {
            select.setString(1, returnId);
            return read(select).stream().findFirst();
        }
    }

    /** Tenant rows only, newest first; a tenant of {@code null} (admin) sees all. */
    public static List<ReturnView> list(Connection c, String tenantId, String status, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT
                + " WHERE (?::text IS NULL OR tenant_id = ?) AND (?::text IS NULL OR status = ?)"
                + " ORDER BY created_at DESC, return_id LIMIT ?")) {
            select.setString(1, tenantId);
            select.setString(2, tenantId);
            select.setString(3, status);
            select.setString(4, status);
            select.setInt(5, limit);
            return read(select);
        }
    }

    private static final String SELECT = """
            SELECT return_id, tenant_id, shipment_id, status, source, reason, items::text, return_tracking_number,
                   opened_at, version, created_at, updated_at
              FROM return_view
            """;

    private static List<ReturnView> read(PreparedStatement select) throws SQLException {
        List<ReturnView> views = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                views.add(new ReturnView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), items(rs.getString(7)), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class), rs.getLong(10), rs.getObject(11, OffsetDateTime.class),
                        rs.getObject(12, OffsetDateTime.class)));
            }
        }
        return views;
    }

    private static String json(List<ReturnItem> items) {
        try {
            return ContractsJson.mapper().writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ReturnItem> items(String json) {
        try {
            return ContractsJson.mapper().readValue(json, ITEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
