package io.waybill.carriers.coordinadora;

import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;

/** Makes {@link CoordinadoraAdapter}s; see {@link CoordinadoraSettings} for the settings. */
public class CoordinadoraAdapterFactory implements CarrierAdapterFactory {

    @Override
    public String code() {
        return CoordinadoraAdapter.CODE;
    }

    @Override
    public CarrierAdapter create(CarrierAccount account) {
        return new CoordinadoraAdapter(account);
    }
}
