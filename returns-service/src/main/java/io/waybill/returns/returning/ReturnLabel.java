package io.waybill.returns.returning;

import java.time.OffsetDateTime;

/**
 * The return label of a return, as requested and as label-service (or the carrier) answered.
 * {@code status}: REQUESTED (ReturnLabelRequested published, no answer yet), ISSUED (a return
 * tracking number) or FAILED ({@code failureCode}, {@code failureReason}, {@code retryable}).
 */
public record ReturnLabel(Status status, String carrier, String service, String labelFormat, String labelId,
        String failureCode, String failureReason, Boolean retryable, OffsetDateTime at) {

    public enum Status {
        REQUESTED, ISSUED, FAILED
    }

    ReturnLabel issued(String issuingCarrier, String issuedLabelId, OffsetDateTime issuedAt) {
        return new ReturnLabel(Status.ISSUED, issuingCarrier, service, labelFormat, issuedLabelId, null, null, null, issuedAt);
    }

    ReturnLabel failed(String code, String reason, boolean canRetry, OffsetDateTime failedAt) {
        return new ReturnLabel(Status.FAILED, carrier, service, labelFormat, null, code, reason, canRetry, failedAt);
    }
}
