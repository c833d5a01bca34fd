package io.waybill.fulfillment.partners.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fulfillment partner (3PL warehouse) integration, bound to one tenant's account with the partner
 * ({@link PartnerAccount}). The counterpart of the carriers' {@code CarrierAdapter}: a partner packs and
 * ships the goods itself, so Waybill sends it the order and follows it back instead of buying a label.
 * Adding a partner means one package with the partner, its {@link FulfillmentPartnerFactory} (listed in
 * {@code META-INF/services}) and tests against a stand-in of the partner.
 *
 * <p>Every method throws {@link PartnerException}; {@link PartnerException#retryable()} says whether
 * trying again later may help (partner down, timeouts) or not (the partner refused the order). Messages
 * never carry secrets. An operation the partner does not offer throws {@link PartnerException#unsupported}.
 *
 * <p>Calls must be safe to repeat: the service may send the same order again after a crash between the
 * partner's answer and recording it, so partners upsert by {@link PartnerOrder#orderNumber()} (the
 * shipment id) or write a file whose name is derived from it.
 */
public interface FulfillmentPartner {

    /** The code shipments use in {@code fulfillment.partner}, e.g. {@code ongoing}. */
    String code();

    /** Hands the order to the partner; returns the partner's reference and what was exchanged. */
    SentOrder sendOrder(PartnerOrder order) throws PartnerException;

    /**
     * Asks the partner to cancel an order not yet shipped ({@code partnerReference} as {@link #sendOrder} returned it,
     * {@code reason} the merchant's). Must be safe to repeat, like sending. A partner that refuses (e.g. the goods
     * are packed) throws a non-retryable {@link PartnerException}; one that is down, a retryable one.
     */
    CancelledOrder cancelOrder(PartnerOrder order, String partnerReference, String reason) throws PartnerException;

    /**
     * What the partner reports now about {@code open} orders (by polling its API) or in general (files
     * it left for Waybill). Each message is handled and then {@link #acknowledge acknowledged} or
     * {@link #reject rejected}.
     */
    List<PartnerMessage> poll(List<OpenOrder> open) throws PartnerException;

    /** The message was recorded: a file partner archives its file. */
    default void acknowledge(PartnerMessage message) throws PartnerException {
    }

    /** The message cannot be used: a file partner moves its file aside with the reason. */
    default void reject(PartnerMessage message, String reason) throws PartnerException {
    }

    /**
     * Reads a callback (webhook) of the partner, after checking that it comes from the partner (a bad
     * or missing credential is a non-retryable {@link PartnerException}). Header names are matched
     * case-insensitively.
     */
    default List<PartnerUpdate> parseCallback(byte[] body, Map<String, String> headers) throws PartnerException {
        throw PartnerException.unsupported(code(), "callbacks");
    }

    /** The partner's stock levels, where it offers them (empty otherwise). */
    default Optional<StockReport> stockLevels() throws PartnerException {
        return Optional.empty();
    }
}
