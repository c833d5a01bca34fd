package io.waybill.carriers.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CarrierRegistryTest {

    private static final ServiceLoader<CarrierAdapterFactory> PLUG_INS = ServiceLoader.load(CarrierAdapterFactory.class);

    @Test
    void withoutSettingsOnlyTheSandboxIsInstalled() {
        CarrierRegistry carriers = new CarrierRegistry(PLUG_INS, Map.of());
        assertThat(carriers.all()).extracting(CarrierAdapter::code).containsExactly("sandbox");
        assertThat(carriers.find("SANDBOX")).isPresent();
        assertThat(carriers.find("koiki")).isEmpty();
    }

    @Test
    void aCarrierWithSettingsIsInstalledAndEnabledFalseLeavesOneOut() {
        CarrierRegistry carriers = new CarrierRegistry(PLUG_INS, Map.of("koiki", Map.of("token", "placeholder-token"),
                "sandbox", Map.of("enabled", "false")));
        assertThat(carriers.all()).extracting(CarrierAdapter::code).containsExactly("koiki");
    }

    @Test
    void aMisconfiguredCarrierStopsTheStartWithoutShowingSecrets() {
        assertThatThrownBy(() -> new CarrierRegistry(PLUG_INS, Map.of("coordinadora",
                Map.of("nit", "900123456", "password", "placeholder-password"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("coordinadora")
                .hasMessageNotContaining("placeholder-password");
    }
}
