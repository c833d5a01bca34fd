package io.waybill.carriers.spi;

/**
 * Makes the adapter of one carrier for one account. Implementations are listed in
 * {@code META-INF/services/io.waybill.carriers.spi.CarrierAdapterFactory} and found with
 * {@link java.util.ServiceLoader}, so a service needs no code per carrier. Needs a public no-arg
 * constructor.
 */
public interface CarrierAdapterFactory {

    /** The carrier code, e.g. {@code koiki}; the same as the adapters' {@link CarrierAdapter#code()}. */
    String code();

    /**
     * An adapter bound to {@code account}. Throws {@link IllegalArgumentException} naming (never showing)
     * a missing or malformed setting.
     */
    CarrierAdapter create(CarrierAccount account);
}
