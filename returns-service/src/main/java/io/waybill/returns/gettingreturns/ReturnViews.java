package io.waybill.returns.gettingreturns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.InspectedItem;
import io.waybill.returns.returning.Return;
import io.waybill.returns.returning.ReturnLabel;
import io.waybill.returns.returning.Return.StockAdjustment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code return_view} projection: written from the folded state in the command's transaction.
 * Every column but {@code updated_at} is derived from the folded Return alone (event times).
 */
public final class ReturnViews {

    private static final TypeReference<List<ReturnItem>> ITEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<InspectedItem>> INSPECTION = new TypeReference<>() {
    };
    private static final TypeReference<List<StockAdjustment>> ADJUSTMENTS = new TypeReference<>() {
    };
    private static final TypeReference<ReturnLabel> LABEL = new TypeReference<>() {
    };

    private static final String SELECT = """
            SELECT return_id, tenant_id, shipment_id, status, source, reason, items::text, return_tracking_number,
                   warehouse_id, return_label_requested, policy, inspection::text, stock_adjustments::text,
                   opened_at, in_transit_at, received_at, closed_at, last_event_at, version, created_at, updated_at,
                   return_carrier, return_label::text
              FROM return_view
            """;

    private ReturnViews() {
    }

    public static void save(Connection c, Return ret, long version) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO return_view (return_id, tenant_id, shipment_id, status, source, reason, items,
                                         return_tracking_number, warehouse_id, return_label_requested, policy,
                                         inspection, stock_adjustments, opened_at, in_transit_at, received_at,
                                         closed_at, last_event_at, version, created_at, return_carrier, return_label)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (return_id) DO UPDATE SET
                    status = excluded.status, reason = excluded.reason, items = excluded.items,
                    return_tracking_number = excluded.return_tracking_number, warehouse_id = excluded.warehouse_id,
                    return_label_requested = excluded.return_label_requested, policy = excluded.policy,
                    inspection = excluded.inspection, stock_adjustments = excluded.stock_adjustments,
                    in_transit_at = excluded.in_transit_at, received_at = excluded.received_at,
                    closed_at = excluded.closed_at, last_event_at = excluded.last_event_at,
                    return_carrier = excluded.return_carrier, return_label = excluded.return_label,
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
            upsert.setString(9, ret.warehouseId());
            upsert.setBoolean(10, ret.returnLabelRequested());
            upsert.setString(11, ret.policy() == null ? null : ret.policy().name());
            upsert.setString(12, json(ret.inspection()));
            upsert.setString(13, json(ret.restocked()));
            upsert.setObject(14, ret.openedAt());
            upsert.setObject(15, ret.inTransitAt());
            upsert.setObject(16, ret.receivedAt());
            upsert.setObject(17, ret.closedAt());
            upsert.setObject(18, ret.lastEventAt());
            upsert.setLong(19, version);
            upsert.setObject(20, ret.openedAt());
            upsert.setString(21, ret.returnCarrier());
            upsert.setString(22, ret.returnLabel() == null ? null : json(ret.returnLabel()));
            upsert.executeUpdate();
        }
    }

    public static Optional<ReturnView> find(Connection c, String returnId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE return_id = ?")) {
            select.setString(1, returnId);
            return read(select).stream().findFirst();
        }
    }

    /** Every return of a shipment, oldest first: what they claim is no longer returnable. */
    public static List<ReturnView> ofShipment(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE shipment_id = ? ORDER BY created_at, return_id")) {
            select.setString(1, shipmentId);
            return read(select);
        }
    }

    /** The return whose own parcel (return label) carries {@code trackingNumber}, if any. */
    public static Optional<ReturnView> byReturnTrackingNumber(Connection c, String trackingNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE return_tracking_number = ? ORDER BY created_at")) {
            select.setString(1, trackingNumber);
            return read(select).stream().findFirst();
        }
    }

    /** Newest first, keyset-paginated on (created_at, return_id). */
    public static List<ReturnView> list(Connection c, ReturnQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            args.add(q.tenantId());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            args.add(q.createdFrom());
        }
        if (q.createdTo() != null) {
            sql.append(" AND created_at < ?");
            args.add(q.createdTo());
        }
        if (q.after() != null) {
            sql.append(" AND (created_at, return_id) < (?, ?)");
            args.add(q.after().createdAt());
            args.add(q.after().returnId());
        }
        sql.append(" ORDER BY created_at DESC, return_id DESC LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            return read(select);
        }
    }

    private static List<ReturnView> read(PreparedStatement select) throws SQLException {
        List<ReturnView> views = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String label = rs.getString(23);
                views.add(new ReturnView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), parse(rs.getString(7), ITEMS), rs.getString(8),
                        rs.getString(22), label == null ? null : parse(label, LABEL), rs.getString(9), rs.getBoolean(10),
                        rs.getString(11), parse(rs.getString(12), INSPECTION),
                        parse(rs.getString(13), ADJUSTMENTS), rs.getObject(14, OffsetDateTime.class),
                        rs.getObject(15, OffsetDateTime.class), rs.getObject(16, OffsetDateTime.class),
                        rs.getObject(17, OffsetDateTime.class), rs.getObject(18, OffsetDateTime.class), rs.getLong(19),
                        rs.getObject(20, OffsetDateTime.class), rs.getObject(21, OffsetDateTime.class)));
            }
        }
        return views;
    }

    private static String json(Object value) {
        try {
            return ContractsJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return ContractsJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
