package io.waybill.gateway.track;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;
import io.waybill.contracts.TrackingStatus;

/**
 * The page's words ({@code track:} in its templates). The texts live in {@code messages/track.properties}
 * (English, the default) and {@code track_es/pt/fr/sv.properties}; {@link #status} reads the keys
 * {@code status_$<STATUS>} there (Qute's key for enum constants with underscores), one per {@link TrackingStatus}.
 */
@MessageBundle(value = "track", locale = "en")
public interface TrackMessages {

    @Message
    String pageTitle(String trackingNumber);

    @Message
    String heading();

    @Message
    String trackingNumber();

    @Message
    String carrier();

    @Message
    String currentStatus();

    @Message
    String estimatedDelivery();

    @Message
    String history();

    @Message
    String returnParcel();

    @Message
    String labelCreated();

    @Message
    String awaitingFirstScan();

    @Message
    String notFoundTitle();

    @Message
    String notFound();

    @Message
    String notFoundHint();

    @Message
    String postalCode();

    @Message
    String submit();

    @Message
    String language();

    @Message
    String status(TrackingStatus status);
}
