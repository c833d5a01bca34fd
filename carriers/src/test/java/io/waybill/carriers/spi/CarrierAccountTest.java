package io.waybill.carriers.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierAccountTest {

    private final CarrierAccount account = CarrierAccount.of("coordinadora", Map.of(
            "nit", "900000000", "user", "integration-user", "password", "placeholder-password",
            "apiKey", "placeholder-api-key", "webhookSecret", "placeholder-webhook-secret",
            "agsUrl", "http://localhost/ags"));

    @Test
    void toStringShowsPlainSettingsButNoSecret() {
        String text = account.toString();
        assertThat(text).contains("coordinadora", "900000000", "integration-user", "http://localhost/ags");
        assertThat(text).doesNotContain("placeholder-password", "placeholder-api-key", "placeholder-webhook-secret");
        assertThat(text).contains("password=***", "apiKey=***", "webhookSecret=***");
    }

    @Test
    void redactRemovesSecretValuesFromText() {
        assertThat(account.redact("bad clave placeholder-password for key placeholder-api-key"))
                .isEqualTo("bad clave *** for key ***");
    }

    @Test
    void aMissingSettingIsNamedButNothingIsShown() {
        assertThatThrownBy(() -> account.require("token")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'token'").hasMessageNotContaining("placeholder");
    }
}
