package io.waybill.tracking.tracking;

import io.waybill.contracts.TrackingStatus;
import java.time.OffsetDateTime;

/** One tracked parcel's private history: registration, then every carrier event in the order received. */
public sealed interface TrackingEvent {

    /** {@code reference} is null for parcels of a label and for events stored before it existed. */
    record TrackingRegistered(String trackingNumber, String carrier, String shipmentId, String tenantId,
            OffsetDateTime registeredAt, String reference) implements TrackingEvent {
    }

    /**
     * A carrier event. {@code current}: it is the newest by event time and so sets the status;
     * a late event enters the timeline without moving the status backwards.
     */
    record CarrierEventRecorded(String trackingNumber, String carrierCode, TrackingStatus status,
            TrackingStatus previousStatus, String description, String location, String source, boolean current,
            boolean regression, OffsetDateTime occurredAt, OffsetDateTime recordedAt) implements TrackingEvent {
    }
}
