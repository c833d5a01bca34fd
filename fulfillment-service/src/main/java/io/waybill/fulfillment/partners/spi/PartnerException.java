package io.waybill.fulfillment.partners.spi;

import java.util.Locale;

/**
 * The partner refused or failed a request. {@code retryable}: a later try may succeed (partner down,
 * timeouts, HTTP 5xx); otherwise the partner refused it and the message is its explanation. Messages
 * never contain credentials.
 */
public class PartnerException extends Exception {

    private final String code;
    private final boolean retryable;

    public PartnerException(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public PartnerException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public static PartnerException unsupported(String partner, String operation) {
        return new PartnerException(partner.toUpperCase(Locale.ROOT).replace('-', '_') + "_UNSUPPORTED",
                "The " + partner + " fulfillment partner does not offer " + operation, false);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
