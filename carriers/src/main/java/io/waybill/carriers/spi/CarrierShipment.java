package io.waybill.carriers.spi;

import io.waybill.contracts.Money;
import java.util.List;

/**
 * What a carrier answered to a booking. {@code parcelTrackingNumbers} has one entry per parcel (the
 * same number repeated when the carrier numbers only the shipment). {@code carrierLabelPdf} is null
 * when the carrier returns no label and Waybill renders its own. {@code cost} is what the carrier
 * charges for the booking, null when its answer does not say.
 */
public record CarrierShipment(String trackingNumber, List<String> parcelTrackingNumbers, String routingCode,
        byte[] carrierLabelPdf, Money cost) {

    public CarrierShipment {
        parcelTrackingNumbers = List.copyOf(parcelTrackingNumbers);
    }

    /** A booking whose answer carries no price. */
    public CarrierShipment(String trackingNumber, List<String> parcelTrackingNumbers, String routingCode,
            byte[] carrierLabelPdf) {
        this(trackingNumber, parcelTrackingNumbers, routingCode, carrierLabelPdf, null);
    }
}
