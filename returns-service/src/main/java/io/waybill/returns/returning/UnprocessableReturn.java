package io.waybill.returns.returning;

import java.util.List;

/** Well-formed, but the items do not add up (more than was shipped, an inspection that misses units): 422. */
public final class UnprocessableReturn extends RuntimeException {

    private final transient List<ItemViolation> violations;

    public UnprocessableReturn(String message, List<ItemViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<ItemViolation> violations() {
        return violations;
    }
}
