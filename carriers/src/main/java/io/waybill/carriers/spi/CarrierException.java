package io.waybill.carriers.spi;

/**
 * The carrier refused or failed a request. {@code retryable}: a later try may succeed (timeouts,
 * connection failures, HTTP 5xx); otherwise the carrier refused the request and {@code message} is its
 * own explanation. Messages never contain credentials.
 */
public class CarrierException extends Exception {

    private final String code;
    private final boolean retryable;

    public CarrierException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public CarrierException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
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
}
