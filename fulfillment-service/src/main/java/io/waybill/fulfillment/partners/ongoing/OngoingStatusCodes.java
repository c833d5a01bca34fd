package io.waybill.fulfillment.partners.ongoing;

import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.util.Map;

/**
 * Ongoing WMS order status numbers (GET /orders/statuses lists a goods owner's; these are the standard
 * ones seen in public integrations: 200 open, 300 picking, 320 pick list printed, 400 picked,
 * 425/450/451 sent, 500 collected at the pickup point, 1000 cancelled). Warehouses can add their own:
 * those come back as UNMAPPED with the number kept, never guessed.
 */
final class OngoingStatusCodes {

    private static final Map<Integer, Step> STEPS = Map.of(
            200, Step.RECEIVED,
            300, Step.PICKING,
            320, Step.PICKING,
            400, Step.PICKED,
            425, Step.SHIPPED,
            450, Step.SHIPPED,
            451, Step.SHIPPED,
            500, Step.SHIPPED,
            1000, Step.CANCELLED);

    private OngoingStatusCodes() {
    }

    static Step step(int number) {
        return STEPS.getOrDefault(number, Step.UNMAPPED);
    }
}
