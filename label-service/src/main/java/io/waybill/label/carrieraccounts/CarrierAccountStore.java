package io.waybill.label.carrieraccounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.label.carrieraccounts.CarrierAccountRecord.Status;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL of the {@code carrier_accounts} table (V5). */
final class CarrierAccountStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, tenant_id, carrier, name, status, status_reason, public_settings::text, "
            + "secret_names, created_at, status_at";

    private CarrierAccountStore() {
    }

    static void insert(Connection c, CarrierAccountRecord account, CredentialCipher.Sealed sealed) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO carrier_accounts (id, tenant_id, carrier, name, status, public_settings, secret_names,
                                              key_id, nonce, sealed_settings)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                """)) {
            insert.setObject(1, account.id());
            insert.setString(2, account.tenantId());
            insert.setString(3, account.carrier());
            insert.setString(4, account.name());
            insert.setString(5, account.status().name());
            insert.setString(6, json(account.publicSettings()));
            insert.setArray(7, c.createArrayOf("text", account.secretNames().toArray()));
            insert.setString(8, sealed.keyId());
            insert.setBytes(9, sealed.nonce());
            insert.setBytes(10, sealed.ciphertext());
            insert.executeUpdate();
        }
    }

    static List<CarrierAccountRecord> list(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM carrier_accounts WHERE tenant_id = ? ORDER BY created_at, id")) {
            select.setString(1, tenantId);
            return read(select);
        }
    }

    /** The tenant's account; another tenant's is as absent as a missing one. */
    static Optional<CarrierAccountRecord> find(Connection c, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM carrier_accounts WHERE tenant_id = ? AND id = ?")) {
            select.setString(1, tenantId);
            select.setObject(2, id);
            return read(select).stream().findFirst();
        }
    }

    static boolean delete(Connection c, String tenantId, UUID id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM carrier_accounts WHERE tenant_id = ? AND id = ?")) {
            delete.setString(1, tenantId);
            delete.setObject(2, id);
            return delete.executeUpdate() == 1;
        }
    }

    /** The tenant's newest synced account for the carrier, with its sealed credentials. */
    static Optional<Stored> synced(Connection c, String tenantId, String carrier) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", key_id, nonce, sealed_settings "
                + "FROM carrier_accounts WHERE tenant_id = ? AND carrier = ? AND status = 'SYNCED' "
                + "ORDER BY created_at DESC LIMIT 1")) {
            select.setString(1, tenantId);
            select.setString(2, carrier);
            return readStored(select).stream().findFirst();
        }
    }

    /** The tenant's newest synced account per carrier. */
    static List<Stored> syncedPerCarrier(Connection c, String tenantId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT DISTINCT ON (carrier) " + COLUMNS
                + ", key_id, nonce, sealed_settings FROM carrier_accounts WHERE tenant_id = ? AND status = 'SYNCED' "
                + "ORDER BY carrier, created_at DESC")) {
            select.setString(1, tenantId);
            return readStored(select);
        }
    }

    /** Locks accounts whose check is due: pending ones, and checks that a crashed worker left syncing. */
    static List<Stored> lockDueChecks(Connection c, int limit, Duration stuckAfter) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + ", key_id, nonce, sealed_settings "
                + "FROM carrier_accounts WHERE status = 'PENDING' "
                + "OR (status = 'SYNCING' AND status_at < now() - make_interval(secs => ?)) "
                + "ORDER BY status_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setDouble(1, stuckAfter.toMillis() / 1000.0);
            select.setInt(2, limit);
            return readStored(select);
        }
    }

    static void setStatus(Connection c, UUID id, Status status, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE carrier_accounts SET status = ?, status_reason = ?, status_at = now() WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, reason);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /** An account with its sealed credentials, for building its adapter. */
    record Stored(CarrierAccountRecord account, CredentialCipher.Sealed sealed) {
    }

    private static List<CarrierAccountRecord> read(PreparedStatement select) throws SQLException {
        List<CarrierAccountRecord> accounts = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                accounts.add(account(rs));
            }
        }
        return accounts;
    }

    private static List<Stored> readStored(PreparedStatement select) throws SQLException {
        List<Stored> accounts = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                accounts.add(new Stored(account(rs), new CredentialCipher.Sealed(rs.getString(11), rs.getBytes(12),
                        rs.getBytes(13))));
            }
        }
        return accounts;
    }

    private static CarrierAccountRecord account(ResultSet rs) throws SQLException {
        Array names = rs.getArray(8);
        return new CarrierAccountRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                Status.valueOf(rs.getString(5)), rs.getString(6), settings(rs.getString(7)),
                Arrays.asList((String[]) names.getArray()), rs.getObject(9, OffsetDateTime.class),
                rs.getObject(10, OffsetDateTime.class));
    }

    static String json(Map<String, String> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> settings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not JSON", e);
        }
    }
}
