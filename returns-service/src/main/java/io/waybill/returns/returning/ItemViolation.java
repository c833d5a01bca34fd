package io.waybill.returns.returning;

/** One reason why the items of a return (or of its inspection) are not acceptable; {@code field} is a JSON path. */
public record ItemViolation(String field, String message) {
}
