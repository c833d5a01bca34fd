package io.waybill.label.carrier;

/** The carrier refused or failed a request. {@code retryable}: a later try may succeed (timeouts, 5xx). */
public class CarrierException extends Exception {

    private final String code;
    private final boolean retryable;

    public CarrierException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
