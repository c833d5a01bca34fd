package io.waybill.carriers.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The carrier refused or failed a request. {@code retryable}: a later try may succeed (timeouts,
 * connection failures, HTTP 5xx, 429); otherwise the carrier refused the request and {@code message} is
 * its own explanation. Messages never contain credentials.
 */
public class CarrierException extends Exception {

    private final String code;
    private final boolean retryable;
    private final boolean outcomeUnknown;
    private final Duration retryAfter;

    public CarrierException(String code, String message, boolean retryable) {
        this(code, message, retryable, false, null);
    }

    public CarrierException(String code, String message, boolean retryable, Throwable cause) {
        this(code, message, retryable, false, cause);
    }

    /**
     * @param outcomeUnknown the request may have reached the carrier and been carried out (a read
     *        timeout, a connection reset after sending, a gateway timeout): trying again may book twice
     *        unless the carrier honours idempotency keys
     */
    public CarrierException(String code, String message, boolean retryable, boolean outcomeUnknown, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.outcomeUnknown = outcomeUnknown;
        this.retryAfter = null;
    }

    /** The carrier throttled us (HTTP 429) and said when to come back ({@code Retry-After}); retryable, not carried out. */
    public CarrierException(String code, String message, Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = true;
        this.outcomeUnknown = false;
        this.retryAfter = retryAfter;
    }

    /** The carrier does not offer {@code operation} (e.g. "pickups"); never retryable. */
    public static CarrierException unsupported(String carrier, String operation) {
        return new CarrierException(carrier.toUpperCase(java.util.Locale.ROOT) + "_UNSUPPORTED",
                "The " + carrier + " carrier does not offer " + operation + " through its API", false);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Whether the carrier may have carried the request out although no answer came back. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** How long the carrier asked us to wait before calling again (its {@code Retry-After}), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
