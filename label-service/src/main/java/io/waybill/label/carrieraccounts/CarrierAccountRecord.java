package io.waybill.label.carrieraccounts;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored carrier account; the sealed credentials stay in the table and are opened only to build an adapter. */
public record CarrierAccountRecord(UUID id, String tenantId, String carrier, String name, Status status,
        String statusReason, Map<String, String> publicSettings, List<String> secretNames, OffsetDateTime createdAt,
        OffsetDateTime statusAt) {

    public enum Status {
        /** Stored; the credential check has not started. */
        PENDING,
        /** The credential check with the carrier is running. */
        SYNCING,
        /** The carrier accepted the credentials: label purchases of the tenant use this account. */
        SYNCED,
        /** The carrier refused the credentials; {@code statusReason} says why. */
        FAILED
    }
}
