package io.waybill.returns.fromorders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.waybill.contracts.Address;
import io.waybill.contracts.ContractsJson;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code shipped_shipment} projection of ShipmentValidated. */
public final class ShippedShipments {

    /** The contract's id limit, which a StockAdjusted's warehouseId must respect. */
    static final int MAX_WAREHOUSE_ID = 128;

    private static final TypeReference<Address> ADDRESS = new TypeReference<>() {
    };
    private static final TypeReference<List<Parcel>> PARCELS = new TypeReference<>() {
    };

    private ShippedShipments() {
    }

    private static String json(Object value) throws JsonProcessingException {
        return value == null ? null : ContractsJson.mapper().writeValueAsString(value);
    }

    private static <T> T read(String json, TypeReference<T> type) throws JsonProcessingException {
        return json == null ? null : ContractsJson.mapper().readValue(json, type);
    }

    /** The shipment as returns see it: units per SKU over all parcels; the warehouse is the sender's name. */
    public static ShippedShipment of(ShipmentValidated e, String defaultWarehouse) {
        Map<String, Integer> items = new LinkedHashMap<>();
        for (Parcel parcel : e.parcels()) {
            if (parcel == null || parcel.items() == null) {
                continue;
            }
            for (Item item : parcel.items()) {
                if (item != null && item.sku() != null && !item.sku().isBlank() && item.quantity() > 0) {
                    items.merge(item.sku().strip(), item.quantity(), Integer::sum);
                }
            }
        }
        String warehouse = e.sender() == null || e.sender().name() == null || e.sender().name().isBlank()
                ? defaultWarehouse : e.sender().name().strip();
        if (warehouse.length() > MAX_WAREHOUSE_ID) {
            warehouse = warehouse.substring(0, MAX_WAREHOUSE_ID);
        }
        return new ShippedShipment(e.shipmentId(), e.tenantId(), warehouse, items,
                e.validatedAt() != null ? e.validatedAt() : OffsetDateTime.now(), e.orderReference(), e.sender(),
                e.recipient(), e.parcels(), e.carrier(), e.service(), e.labelFormat());
    }

    /** First write wins: ShipmentValidated is published once per shipment, a redelivery changes nothing. */
    public static boolean save(Connection c, ShippedShipment s) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO shipped_shipment (shipment_id, tenant_id, warehouse_id, items, validated_at, order_reference,
                                              sender, recipient, parcels, carrier, service, label_format)
                VALUES (?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?) ON CONFLICT (shipment_id) DO NOTHING
                """)) {
            insert.setString(1, s.shipmentId());
            insert.setString(2, s.tenantId());
            insert.setString(3, s.warehouseId());
            insert.setString(4, ContractsJson.mapper().writeValueAsString(s.items()));
            insert.setObject(5, s.validatedAt());
            insert.setString(6, s.orderReference());
            insert.setString(7, json(s.sender()));
            insert.setString(8, json(s.recipient()));
            insert.setString(9, json(s.parcels()));
            insert.setString(10, s.carrier());
            insert.setString(11, s.service());
            insert.setString(12, s.labelFormat());
            return insert.executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<ShippedShipment> find(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                """
                SELECT shipment_id, tenant_id, warehouse_id, items::text, validated_at, order_reference, sender::text,
                       recipient::text, parcels::text, carrier, service, label_format
                  FROM shipped_shipment WHERE shipment_id = ?
                """)) {
            select.setString(1, shipmentId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Integer> items = ContractsJson.mapper().readValue(rs.getString(4),
                        new TypeReference<LinkedHashMap<String, Integer>>() { });
                return Optional.of(new ShippedShipment(rs.getString(1), rs.getString(2), rs.getString(3), items,
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), read(rs.getString(7), ADDRESS),
                        read(rs.getString(8), ADDRESS), read(rs.getString(9), PARCELS), rs.getString(10),
                        rs.getString(11), rs.getString(12)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
