package io.waybill.fulfillment.partners.filedrop;

import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.FulfillmentPartnerFactory;
import io.waybill.fulfillment.partners.spi.PartnerAccount;

/** Makes the file-drop (XML over SFTP) partner for one tenant's 3PL (settings: see {@link FileDropPartner}). */
public class FileDropPartnerFactory implements FulfillmentPartnerFactory {

    @Override
    public String code() {
        return FileDropPartner.CODE;
    }

    @Override
    public FulfillmentPartner create(PartnerAccount account) {
        return new FileDropPartner(account);
    }
}
