package io.waybill.carriers.koiki;

import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;

/** Makes {@link KoikiAdapter}s; see there for the settings. */
public class KoikiAdapterFactory implements CarrierAdapterFactory {

    @Override
    public String code() {
        return KoikiAdapter.CODE;
    }

    @Override
    public CarrierAdapter create(CarrierAccount account) {
        return new KoikiAdapter(account);
    }
}
