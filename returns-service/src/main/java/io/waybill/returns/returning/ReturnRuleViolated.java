package io.waybill.returns.returning;

/** A command that the return's current state (or its own content) does not allow. */
public final class ReturnRuleViolated extends RuntimeException {

    public ReturnRuleViolated(String message) {
        super(message);
    }
}
