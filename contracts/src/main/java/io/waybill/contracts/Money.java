package io.waybill.contracts;

import java.math.BigDecimal;

/**
 * An amount in one currency.
 *
 * <p>{@code BigDecimal}, not {@code double}: customs values and carrier rates must survive a round
 * trip to the cent. {@code currency} is an ISO 4217 code ("EUR", "BRL", "COP").
 */
public record Money(BigDecimal amount, String currency) {
}
