package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import io.waybill.eventstore.EventMetadata;
import io.waybill.returns.fromorders.ShippedShipment;
import io.waybill.returns.fromorders.ShippedShipments;
import io.waybill.returns.gettingreturns.ReturnView;
import io.waybill.returns.gettingreturns.ReturnViews;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnCommand.ReportInTransit;
import io.waybill.returns.returning.ReturnCommand.ReportReceived;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The returns of one shipment together: what they claim of what was shipped, and what a carrier's
 * return status means for each. Callers hold the shipment's lock ({@link #lock}) for the whole
 * transaction, so an API registration and a carrier report of the same shipment never both claim
 * the same units, and the goods of a shipment are restocked once however many ways they were reported.
 */
@ApplicationScoped
public class ShipmentReturns {

    private final ReturnCommands commands;
    private final ReturnPolicies policies;
    private final String defaultWarehouse;

    public ShipmentReturns(ReturnCommands commands, ReturnPolicies policies,
            @ConfigProperty(name = "waybill.returns.default-warehouse", defaultValue = "main") String defaultWarehouse) {
        this.commands = commands;
        this.policies = policies;
        this.defaultWarehouse = defaultWarehouse;
    }

    /** Serializes everything that opens or advances returns of {@code shipmentId}, until the transaction ends. */
    public static void lock(Connection c, String shipmentId) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "waybill:returns-of-shipment:" + shipmentId);
            lock.execute();
        }
    }

    /** What the shipment's returns already claim, per return. */
    public static List<List<ReturnItem>> claims(List<ReturnView> returns) {
        return returns.stream().map(ReturnView::items).toList();
    }

    /**
     * The carrier says the parcel is coming back (RETURNING: {@code received} false) or is back
     * (RETURNED: true). The parcel is the whole shipment, so the status applies to every return of it
     * that travels on the original label (no return label of its own), and a carrier return (id
     * derived from the shipment) is opened for whatever they do not claim yet: all shipped items if
     * the carrier is first. Reported again, nothing changes. Returns the ids of the affected returns.
     */
    public List<String> carrierReported(Connection c, String shipmentId, String tenantId, boolean received, String reason,
            OffsetDateTime at, EventMetadata metadata) throws SQLException {
        lock(c, shipmentId);
        Optional<ShippedShipment> shipped = ShippedShipments.find(c, shipmentId);
        if (shipped.isPresent() && !shipped.get().tenantId().equals(tenantId)) {
            throw new ReturnRuleViolated("Shipment " + shipmentId + " belongs to another tenant");
        }
        String carrierReturnId = ReturnEvents.carrierReturnId(shipmentId);
        List<ReturnView> all = ReturnViews.ofShipment(c, shipmentId);
        List<ReturnView> others = all.stream().filter(r -> !r.id().equals(carrierReturnId)).toList();
        boolean carrierReturnExists = all.size() != others.size();
        if (all.stream().anyMatch(r -> !r.tenantId().equals(tenantId))) {
            throw new ReturnRuleViolated("Shipment " + shipmentId + " has returns of another tenant");
        }

        List<String> affected = new ArrayList<>();
        for (ReturnView other : others) {
            if (other.returnTrackingNumber() == null && !other.returnLabelRequested()) {
                affected.add(other.id());
            }
        }
        if (carrierReturnExists) {
            affected.add(carrierReturnId);
        } else {
            List<ReturnItem> unclaimed = shipped
                    .map(s -> ReturnableItems.items(ReturnableItems.remaining(s.items(), claims(others))))
                    .orElse(List.of());
            // Unknown shipment: a return without items (nothing can be restocked), so the status is not lost.
            if (!unclaimed.isEmpty() || others.isEmpty()) {
                String warehouse = shipped.map(ShippedShipment::warehouseId).orElse(defaultWarehouse);
                commands.handle(c, carrierReturnId, OpenReturn.reportedByCarrier(shipmentId, tenantId, ReturnSource.STATUS,
                        reason, unclaimed, null, at, warehouse), metadata);
                affected.add(carrierReturnId);
            }
        }
        ReturnPolicy policy = received ? policies.of(tenantId) : null;
        for (String returnId : affected) {
            ReturnCommand command = received ? new ReportReceived(policy, at) : new ReportInTransit(reason, at);
            commands.handle(c, returnId, command, metadata);
        }
        return affected;
    }

    /** Units per SKU still returnable of {@code shipped}, given its returns. */
    public static Map<String, Integer> returnable(ShippedShipment shipped, List<ReturnView> returns) {
        return ReturnableItems.remaining(shipped.items(), claims(returns));
    }
}
