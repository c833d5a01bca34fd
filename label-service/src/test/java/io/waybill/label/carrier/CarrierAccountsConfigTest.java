package io.waybill.label.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierAccountsConfigTest {

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
