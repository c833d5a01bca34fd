package io.waybill.label.carrier;

import java.util.List;

/**
 * What a carrier answered to a booking. {@code carrierLabelPdf} is null when the carrier returns no
 * label and Waybill renders its own.
 */
public record CarrierShipment(String trackingNumber, List<String> parcelTrackingNumbers, String routingCode,
        byte[] carrierLabelPdf) {
}
