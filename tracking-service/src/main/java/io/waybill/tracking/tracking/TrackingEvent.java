package io.waybill.tracking.tracking;

import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;

/** One tracked parcel's private history: registration, then every carrier event in the order received. */
public sealed interface TrackingEvent {

    /**
     * {@code reference} is null for parcels of a label and for events stored before it existed;
     * {@code returnId} is set for the parcels of a return label (null otherwise).
     */
    record TrackingRegistered(String trackingNumber, String carrier, String shipmentId, String tenantId,
            OffsetDateTime registeredAt, String reference, String returnId) implements TrackingEvent {
    }

    /**
     * A carrier event. {@code current}: it is the newest by event time and so sets the status;
     * a late event enters the timeline without moving the status backwards. {@code estimatedDelivery}:
     * the carrier's promise as of this event (null when it gives none, and in events stored before it existed).
     * {@code subStatus}: the status refined ({@code delivery_failed.recipient_absent}), null when the table says no
     * more, and in events stored before it existed. Events stored before ADR 0043 may say UNMAPPED; read them with
     * {@link #normalized()}.
     */
    record CarrierEventRecorded(String trackingNumber, String carrierCode, TrackingStatus status,
            TrackingStatus previousStatus, String description, String location, String source, boolean current,
            boolean regression, OffsetDateTime occurredAt, OffsetDateTime recordedAt, OffsetDateTime estimatedDelivery,
            String mapping, String subStatus) implements TrackingEvent {

        /** Status and sub-status, a stored UNMAPPED read as exception.unmapped. */
        public NormalizedStatus normalized() {
            return NormalizedStatus.upgrade(status, subStatus);
        }

        /** The table that normalized the code: {@code mapping}, or the carrier's own for events stored before it existed. */
        public String mappingOr(String carrier) {
            return mapping == null ? carrier : mapping;
        }
    }

    /**
     * A stored carrier event re-normalized by the current mapping table: {@code from} → {@code status}.
     * {@code current}: it is the event that sets the tracking's status, which therefore moves from
     * {@code previousStatus} to {@code status}.
     */
    record CarrierEventRemapped(String trackingNumber, String carrierCode, OffsetDateTime occurredAt, TrackingStatus from,
            TrackingStatus status, TrackingStatus previousStatus, boolean current, String description, String location,
            String source, OffsetDateTime recordedAt, String subStatus) implements TrackingEvent {

        /** Status and sub-status, a stored UNMAPPED read as exception.unmapped. */
        public NormalizedStatus normalized() {
            return NormalizedStatus.upgrade(status, subStatus);
        }
    }
}
