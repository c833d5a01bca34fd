package io.waybill.carriers.spi;

/**
 * The carrier refused or failed a request. {@code retryable}: a later try may succeed (timeouts,
 * connection failures, HTTP 5xx); otherwise the carrier refused the request and {@code message} is its
 * own explanation. Messages never contain credentials.
 */
public class CarrierException extends Exception {

    private final String code;
    private final boolean retryable;
    private final java.time.Duration retryAfter;

    public CarrierException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = null;
    }

    public CarrierException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = null;
    }

    /** The carrier throttled us (HTTP 429) and said when to come back ({@code Retry-After}); retryable. */
    public CarrierException(String code, String message, java.time.Duration retryAfter) {
        super(message);
        this.code = code;
        this.retryable = true;
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

    /** How long the carrier asked us to wait before calling again (its {@code Retry-After}), when it said. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }
}
