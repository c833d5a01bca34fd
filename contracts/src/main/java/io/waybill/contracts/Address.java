package io.waybill.contracts;

import java.util.List;

/**
 * A postal address as carriers need it.
 *
 * <p>{@code lines} instead of fixed street/number fields: address shapes differ by country
 * (Colombian "Calle 93 # 11-27", Brazilian "Rua X, 123 - Bairro") and carriers want the lines
 * anyway. {@code country} is ISO 3166-1 alpha-2. {@code company}, {@code region}, {@code phone}
 * and {@code email} may be null.
 */
public record Address(
        String name,
        String company,
        List<String> lines,
        String city,
        String region,
        String postalCode,
        String country,
        String phone,
        String email) {

    public Address {
        lines = Immutable.copy(lines);
    }
}
