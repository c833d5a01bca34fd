package io.waybill.label.labelling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Stored label files. Parcel 0 is the whole shipment (merged PDF, concatenated ZPL). */
public final class LabelDocuments {

    public static final int WHOLE_SHIPMENT = 0;

    public record Document(String tenantId, String format, byte[] content) {
    }

    private LabelDocuments() {
    }

    public static void save(Connection c, String shipmentId, String tenantId, String format, int parcel, byte[] content)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO label_documents (shipment_id, tenant_id, format, parcel_number, content)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) {
            insert.setString(1, shipmentId);
            insert.setString(2, tenantId);
            insert.setString(3, format);
            insert.setInt(4, parcel);
            insert.setBytes(5, content);
            insert.executeUpdate();
        }
    }

    public static Optional<Document> find(Connection c, String shipmentId, String format, int parcel) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT tenant_id, format, content FROM label_documents
                 WHERE shipment_id = ? AND format = ? AND parcel_number = ?
                """)) {
            select.setString(1, shipmentId);
            select.setString(2, format);
            select.setInt(3, parcel);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))) : Optional.empty();
            }
        }
    }
}
