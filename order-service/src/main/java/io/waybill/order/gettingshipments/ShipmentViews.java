package io.waybill.order.gettingshipments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.ParcelLabel;
import io.waybill.order.shipment.Shipment;
import io.waybill.order.shipment.Shipment.LabelFailure;
import io.waybill.order.shipment.Shipment.WarehouseStep;
import io.waybill.order.shipment.ShipmentDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code shipment_view} projection. Every column is derived from the folded Shipment alone
 * (event times, not wall-clock times), so rebuilding it from the log gives the same rows.
 */
public final class ShipmentViews {

    private static final String COLUMNS = """
            shipment_id, tenant_id, order_reference, status, carrier, service, label_format, tracking_number,
                   parcel_labels::text, label_formats::text, label_failure::text, tracking_status, tracking_status_at,
                   last_event_at, details::text, version, created_at, warehouse_steps::text, shipped_after_cancellation
            """;
    private static final String SELECT = "SELECT " + COLUMNS + " FROM shipment_view\n";

    private ShipmentViews() {
    }

    /** Upserts the shipment's row and returns it as stored, so callers need not read it back. */
    public static ShipmentView save(Connection c, Shipment shipment, long version) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO shipment_view (shipment_id, tenant_id, order_reference, status, carrier, service, label_format,
                                           tracking_number, parcel_labels, label_formats, label_failure, tracking_status,
                                           tracking_status_at, last_event_at, details, version, created_at, updated_at,
                                           warehouse_steps, shipped_after_cancellation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (shipment_id) DO UPDATE SET
                    status = excluded.status, carrier = excluded.carrier, service = excluded.service,
                    tracking_number = excluded.tracking_number,
                    parcel_labels = excluded.parcel_labels, label_formats = excluded.label_formats,
                    label_failure = excluded.label_failure, tracking_status = excluded.tracking_status,
                    tracking_status_at = excluded.tracking_status_at, last_event_at = excluded.last_event_at,
                    version = excluded.version, updated_at = excluded.updated_at,
                    warehouse_steps = excluded.warehouse_steps, shipped_after_cancellation = excluded.shipped_after_cancellation
                """ + " RETURNING " + COLUMNS)) {
            ShipmentDetails d = shipment.details();
            upsert.setString(1, shipment.id());
            upsert.setString(2, shipment.tenantId());
            upsert.setString(3, d.orderReference());
            upsert.setString(4, shipment.status().name());
            upsert.setString(5, shipment.carrier());
            upsert.setString(6, shipment.service());
            upsert.setString(7, d.labelFormat());
            upsert.setString(8, shipment.trackingNumber());
            upsert.setString(9, json(shipment.parcelLabels()));
            upsert.setString(10, json(shipment.labelFormats()));
            upsert.setString(11, shipment.labelFailure() == null ? null : json(shipment.labelFailure()));
            upsert.setString(12, shipment.trackingStatus() == null ? null : shipment.trackingStatus().name());
            upsert.setObject(13, shipment.trackingStatusAt());
            upsert.setObject(14, shipment.lastEventAt());
            upsert.setString(15, json(d));
            upsert.setLong(16, version);
            upsert.setObject(17, shipment.acceptedAt());
            upsert.setObject(18, shipment.lastEventAt());
            upsert.setString(19, json(shipment.warehouseSteps()));
            upsert.setBoolean(20, shipment.shippedAfterCancellation());
            return read(upsert).getFirst();
        }
    }

    public static Optional<ShipmentView> find(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE shipment_id = ?")) {
            select.setString(1, shipmentId);
            return read(select).stream().findFirst();
        }
    }

    /** Newest first, keyset-paginated on (created_at, shipment_id). */
    public static List<ShipmentView> list(Connection c, ShipmentQuery q) throws SQLException {
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
        if (q.orderReference() != null) {
            sql.append(" AND order_reference = ?");
            args.add(q.orderReference());
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
            sql.append(" AND (created_at, shipment_id) < (?, ?)");
            args.add(q.after().createdAt());
            args.add(q.after().shipmentId());
        }
        sql.append(" ORDER BY created_at DESC, shipment_id DESC LIMIT ?");
        args.add(q.limit());
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                select.setObject(i + 1, args.get(i));
            }
            return read(select);
        }
    }

    private static List<ShipmentView> read(PreparedStatement select) throws SQLException {
        List<ShipmentView> views = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                List<String> formats = parse(rs.getString(10), new TypeReference<List<String>>() { });
                Map<String, String> links = new LinkedHashMap<>();
                if (rs.getString(8) != null) {
                    for (String format : formats) {
                        String lower = format.toLowerCase(java.util.Locale.ROOT);
                        links.put(lower, "/api/v1/shipments/" + id + "/label?format=" + lower);
                    }
                }
                String failure = rs.getString(11);
                ShipmentDetails details = parse(rs.getString(15), new TypeReference<ShipmentDetails>() { });
                ShipmentView.Fulfillment fulfillment = details.fulfillment() == null ? null
                        : new ShipmentView.Fulfillment(details.fulfillment().partner(), details.fulfillment().warehouse(),
                                parse(rs.getString(18), new TypeReference<List<WarehouseStep>>() { }), rs.getBoolean(19));
                views.add(new ShipmentView(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8),
                        parse(rs.getString(9), new TypeReference<List<ParcelLabel>>() { }), links,
                        failure == null ? null : parse(failure, new TypeReference<LabelFailure>() { }),
                        rs.getString(12), rs.getObject(13, OffsetDateTime.class), rs.getObject(14, OffsetDateTime.class),
                        details, rs.getLong(16), rs.getObject(17, OffsetDateTime.class), fulfillment));
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
