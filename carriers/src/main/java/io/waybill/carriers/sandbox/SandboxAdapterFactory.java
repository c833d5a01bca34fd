package io.waybill.carriers.sandbox;

import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;

/** The sandbox needs no settings; every account gets the same deterministic adapter. */
public class SandboxAdapterFactory implements CarrierAdapterFactory {

    @Override
    public String code() {
        return SandboxAdapter.CODE;
    }

    @Override
    public CarrierAdapter create(CarrierAccount account) {
        return new SandboxAdapter();
    }
}
