package io.waybill.carriers.coordinadora;

import java.util.ArrayList;
import java.util.List;

/**
 * One agreement (acuerdo) of the account: Coordinadora's client id (about 5 digits), the division
 * ({@code "01"}) and the agreement's name. Written in the {@code agreements} setting as
 * {@code clientId:division:name}, several separated by {@code ;}; the first is used for bookings.
 */
record CoordinadoraAgreement(String clientId, String division, String name) {

    static List<CoordinadoraAgreement> parse(String setting) {
        List<CoordinadoraAgreement> agreements = new ArrayList<>();
        for (String entry : setting.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":", 3);
            if (parts.length < 2 || !parts[0].trim().matches("\\d+") || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "Carrier account coordinadora: each agreement must read clientId:division[:name]");
            }
            agreements.add(new CoordinadoraAgreement(parts[0].trim(), parts[1].trim(), parts.length > 2 ? parts[2].trim() : ""));
        }
        if (agreements.isEmpty()) {
            throw new IllegalArgumentException("Carrier account coordinadora needs at least one agreement");
        }
        return List.copyOf(agreements);
    }
}
