package io.waybill.label.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CarriersTest {

    private static final ServiceLoader<CarrierAdapterFactory> PLUG_INS = ServiceLoader.load(CarrierAdapterFactory.class);

    @Test
    void withoutSettingsOnlyTheSandboxIsInstalled() {
        Carriers carriers = new Carriers(PLUG_INS, Map.of());
        assertThat(carriers.all()).extracting(CarrierAdapter::code).containsExactly("sandbox");
        assertThat(carriers.find("SANDBOX")).isPresent();
        assertThat(carriers.find("koiki")).isEmpty();
    }

    @Test
    void aCarrierWithSettingsIsInstalledAndEnabledFalseLeavesOneOut() {
        Carriers carriers = new Carriers(PLUG_INS, Map.of("koiki", Map.of("token", "placeholder-token"),
                "sandbox", Map.of("enabled", "false")));
        assertThat(carriers.all()).extracting(CarrierAdapter::code).containsExactly("koiki");
    }

    @Test
    void aMisconfiguredCarrierStopsTheStartWithoutShowingSecrets() {
        assertThatThrownBy(() -> new Carriers(PLUG_INS, Map.of("coordinadora",
                Map.of("nit", "900123456", "password", "placeholder-password"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("coordinadora")
                .hasMessageNotContaining("placeholder-password");
    }

    @Test
    void accountsAreReadFromWaybillCarriersCodeSetting() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CarrierAccountsConfig.class)
                .withSources(new MapBackedConfigSource("test", Map.of(
                        "waybill.carriers.koiki.token", "placeholder-token",
                        "waybill.carriers.koiki.environment", "test",
                        "waybill.carriers.coordinadora.agreements", "12345:01:Ecommerce;12346:02:Devoluciones")) {
                })
                .build();
        Map<String, Map<String, String>> accounts = config.getConfigMapping(CarrierAccountsConfig.class).accounts();
        assertThat(accounts).containsOnlyKeys("koiki", "coordinadora");
        assertThat(accounts.get("koiki")).containsEntry("token", "placeholder-token").containsEntry("environment", "test");
        assertThat(accounts.get("coordinadora")).containsEntry("agreements", "12345:01:Ecommerce;12346:02:Devoluciones");
    }
}
