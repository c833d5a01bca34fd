package io.waybill.carriers.coordinadora;

import io.waybill.carriers.spi.CarrierAccount;
import java.util.List;

/**
 * The account settings, read once. Required: {@code nit}, {@code user}, {@code password} (the
 * integration password; sent only as {@code clave} = its SHA-256 hex), {@code apiKey} (AGS
 * {@code apikey}), {@code agreements} ({@code clientId:division:name;...}). Optional:
 * {@code apiPassword} (AGS {@code clave}; defaults to the integration password, hashed the same way —
 * assumed), {@code accountCode} ({@code codigo_cuenta}, default 2), {@code productCode}
 * ({@code codigo_producto}, default 0), {@code environment} ({@code sandbox} by default, or
 * {@code production}), {@code guiasUrl}, {@code agsUrl}, {@code webhookSecret}, {@code timeoutMs}.
 */
record CoordinadoraSettings(String nit, String user, String clave, String apiKey, String agsClave,
        List<CoordinadoraAgreement> agreements, String accountCode, String productCode, String webhookSecret) {

    static CoordinadoraSettings of(CarrierAccount account) {
        String password = account.require("password");
        return new CoordinadoraSettings(account.require("nit"), account.require("user"),
                CoordinadoraMapper.clave(password), account.require("apiKey"),
                CoordinadoraMapper.clave(account.get("apiPassword", password)),
                CoordinadoraAgreement.parse(account.require("agreements")),
                account.get("accountCode", "2"), account.get("productCode", "0"), account.get("webhookSecret", null));
    }

    @Override
    public String toString() {
        return "CoordinadoraSettings[nit=" + nit + ", user=" + user + ", agreements=" + agreements + "]";
    }
}
