package io.waybill.label.labelling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Stored label files: a shipment's own ({@code returnId} null, stored as '') and its return labels.
 * Parcel 0 is the whole shipment (merged PDF, concatenated ZPL).
 */
public final class LabelDocuments {

    public static final int WHOLE_SHIPMENT = 0;
    private static final String OUTBOUND = "";

    public record Document(String tenantId, String format, byte[] content) {
    }

    /** Whose label: the shipment's own ({@code returnId} null) or one of its return labels. */
    public record Owner(String shipmentId, String returnId, String tenantId) {
    }

    private LabelDocuments() {
    }

    public static void save(Connection c, Owner owner, String format, int parcel, byte[] content) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO label_documents (shipment_id, return_id, tenant_id, format, parcel_number, content)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) {
            insert.setString(1, owner.shipmentId());
            insert.setString(2, owner.returnId() == null ? OUTBOUND : owner.returnId());
            insert.setString(3, owner.tenantId());
            insert.setString(4, format);
            insert.setInt(5, parcel);
            insert.setBytes(6, content);
            insert.executeUpdate();
        }
    }

    /** The shipment's own label document. */
    public static Optional<Document> find(Connection c, String shipmentId, String format, int parcel) throws SQLException {
        return find(c, "shipment_id = ? AND return_id = ''", shipmentId, format, parcel);
    }

    /** A return label's document. */
    public static Optional<Document> findReturn(Connection c, String returnId, String format, int parcel)
            throws SQLException {
        return find(c, "return_id = ?", returnId, format, parcel);
    }

    private static Optional<Document> find(Connection c, String which, String id, String format, int parcel)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT tenant_id, format, content FROM label_documents WHERE " + which
                        + " AND format = ? AND parcel_number = ?")) {
            select.setString(1, id);
            select.setString(2, format);
            select.setInt(3, parcel);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))) : Optional.empty();
            }
        }
    }
}
