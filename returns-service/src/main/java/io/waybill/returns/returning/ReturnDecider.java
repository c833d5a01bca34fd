package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import io.waybill.returns.returning.Return.ReturnStatus;
import io.waybill.returns.returning.ReturnCommand.OpenReturn;
import io.waybill.returns.returning.ReturnEvent.ReturnOpened;
import java.util.List;

/** The Return aggregate's pure rules: decide (command, state → events) and evolve (state, event → state). */
public final class ReturnDecider {

    private ReturnDecider() {
    }

    public static List<ReturnEvent> decide(ReturnCommand command, Return state) {
        return switch (command) {
            case OpenReturn open -> {
                requireValid(open);
                if (state.status() != ReturnStatus.NONE) {
                    if (!state.tenantId().equals(open.tenantId())) {
                        throw new ReturnRuleViolated("Return " + state.id() + " belongs to another tenant");
                    }
                    if (state.shipmentId().equals(open.shipmentId()) && state.source().carrierReported()
                            && open.source().carrierReported()) {
                        yield List.of(); // the carrier told us again: still the one return of this shipment
                    }
                    throw new ReturnRuleViolated("Return " + open.returnId() + " already exists");
                }
                yield List.of(new ReturnOpened(open.returnId(), open.shipmentId(), open.tenantId(), open.source(),
                        open.reason(), open.items(), open.returnTrackingNumber(), open.at()));
            }
        };
    }

    public static Return evolve(Return state, ReturnEvent event) {
        return switch (event) {
            case ReturnOpened opened -> new Return(opened.returnId(), opened.shipmentId(), opened.tenantId(),
                    ReturnStatus.OPEN, opened.source(), opened.reason(), opened.items(), opened.returnTrackingNumber(),
                    opened.openedAt());
        };
    }

    private static void requireValid(OpenReturn open) {
        require(!blank(open.returnId()), "a return id is required");
        require(!blank(open.shipmentId()), "a shipment id is required");
        require(!blank(open.tenantId()), "a tenant is required");
        require(open.source() != null, "a source is required");
        require(!blank(open.reason()), "a reason is required");
        require(open.at() != null, "the time the return was opened is required");
        require(open.returnTrackingNumber() == null || !open.returnTrackingNumber().isBlank(),
                "a return tracking number must not be blank");
        for (ReturnItem item : open.items()) {
            require(item != null && !blank(item.sku()) && item.quantity() >= 1,
                    "every item needs a SKU and a quantity of at least 1");
        }
        // One return per shipment from the carrier: a carrier-reported return must use the derived id.
        require(!open.source().carrierReported() || open.returnId().equals(ReturnEvents.carrierReturnId(open.shipmentId())),
                "a carrier-reported return has the id derived from its shipment");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ReturnRuleViolated("Invalid return: " + message);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
