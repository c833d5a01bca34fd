package io.waybill.fulfillment.partners.ongoing;

import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.FulfillmentPartnerFactory;
import io.waybill.fulfillment.partners.spi.PartnerAccount;

/** Makes the Ongoing WMS partner for one tenant's goods owner (settings: see {@link OngoingPartner}). */
public class OngoingPartnerFactory implements FulfillmentPartnerFactory {

    @Override
    public String code() {
        return OngoingPartner.CODE;
    }

    @Override
    public FulfillmentPartner create(PartnerAccount account) {
        return new OngoingPartner(account);
    }
}
