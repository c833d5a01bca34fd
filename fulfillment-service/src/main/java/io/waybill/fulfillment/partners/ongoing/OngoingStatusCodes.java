package io.waybill.fulfillment.partners.ongoing;

import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import java.util.Map;

/**
 * Ongoing WMS order status numbers. {@code GET /orders/statuses} in Ongoing's public examples lists 150 Error,
 * 200 Open, 300 Released, 320 Allocated, 400 Picked, 450 Sent, 500 Collected, 1000 Cancelled; 425 and 451
 * (sent variants seen in public integrations) are assumed. 150 and any number a warehouse adds come back as
 * UNMAPPED with the number kept, never guessed.
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
