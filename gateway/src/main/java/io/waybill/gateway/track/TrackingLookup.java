package io.waybill.gateway.track;

import io.waybill.contracts.TrackingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Finds a parcel for a visitor. A number matches only together with the delivery postal code of its
 * shipment, and only when shipment and label name the same tenant; an unknown number, a wrong code and a
 * missing code all come back empty, so callers cannot tell them apart.
 */
@ApplicationScoped
public class TrackingLookup {

    /** Longer input is no tracking number or postal code any carrier issues; it is not looked up at all. */
    static final int MAX_INPUT_LENGTH = 64;

    private final DataSource dataSource;

    public TrackingLookup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<TrackedParcel> find(String trackingNumber, String postalCode) {
        String numberKey = LookupKeys.trackingNumber(trackingNumber);
        String postalKey = LookupKeys.postalCode(postalCode);
        if (numberKey.isEmpty() || postalKey.isEmpty()
                || numberKey.length() > MAX_INPUT_LENGTH || postalKey.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return findLabel(c, numberKey, postalKey);
        } catch (SQLException e) {
            throw new IllegalStateException("Tracking lookup failed: " + e.getMessage(), e);
        }
    }

    private static Optional<TrackedParcel> findLabel(Connection c, String numberKey, String postalKey) throws SQLException {
        // A number reused by two shipments (another carrier, years apart) resolves by the postal code first,
        // then to the newest label.
        try (PreparedStatement query = c.prepareStatement("""
                SELECT n.tracking_number, n.shipment_id, n.carrier, n.return_id, n.labelled_at
                  FROM track_numbers n
                  JOIN track_shipments s ON s.shipment_id = n.shipment_id AND s.tenant_id = n.tenant_id
                 WHERE n.number_key = ? AND s.postal_code = ?
                 ORDER BY n.labelled_at DESC
                 LIMIT 1""")) {
            query.setString(1, numberKey);
            query.setString(2, postalKey);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String shipmentId = row.getString("shipment_id");
                return Optional.of(new TrackedParcel(
                        row.getString("tracking_number"),
                        row.getString("carrier"),
                        row.getString("return_id") != null,
                        row.getTimestamp("labelled_at").toInstant().atOffset(ZoneOffset.UTC),
                        timeline(c, numberKey, shipmentId)));
            }
        }
    }

    private static List<TrackedParcel.Entry> timeline(Connection c, String numberKey, String shipmentId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("""
                SELECT status, description, location, occurred_at, occurred_offset, estimated_delivery, estimated_delivery_offset
                  FROM track_statuses
                 WHERE number_key = ? AND shipment_id = ?
                 ORDER BY occurred_at DESC, recorded_at DESC, event_id""")) {
            query.setString(1, numberKey);
            query.setString(2, shipmentId);
            List<TrackedParcel.Entry> entries = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    entries.add(new TrackedParcel.Entry(
                            TrackingStatus.valueOf(row.getString("status")),
                            row.getString("description"),
                            row.getString("location"),
                            atOffset(row.getTimestamp("occurred_at"), row.getInt("occurred_offset")),
                            atOffset(row.getTimestamp("estimated_delivery"), row.getInt("estimated_delivery_offset"))));
                }
            }
            return entries;
        }
    }

    /** The stored instant shown again at the carrier's own offset. */
    private static OffsetDateTime atOffset(Timestamp instant, int offsetSeconds) {
        return instant == null ? null : instant.toInstant().atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
    }
}
