package io.waybill.carriers.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceLoaderTest {

    @Test
    void everyCarrierPackageIsFoundWithoutCodeInTheServices() {
        assertThat(ServiceLoader.load(CarrierAdapterFactory.class).stream().map(p -> p.get().code()))
                .containsExactlyInAnyOrder("sandbox", "koiki", "coordinadora");
    }
}
