package io.waybill.fulfillment.partners.spi;

/**
 * Makes one partner's integration for one tenant's account. Listed in
 * {@code META-INF/services/io.waybill.fulfillment.partners.spi.FulfillmentPartnerFactory} and found with
 * {@link java.util.ServiceLoader}; needs a public no-arg constructor.
 */
public interface FulfillmentPartnerFactory {

    /** The partner code, the same as {@link FulfillmentPartner#code()}. */
    String code();

    /** A partner bound to {@code account}; {@link IllegalArgumentException} names (never shows) a bad setting. */
    FulfillmentPartner create(PartnerAccount account);
}
