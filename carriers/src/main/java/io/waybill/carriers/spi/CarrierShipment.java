package io.waybill.carriers.spi;

import java.util.List;

/**
 * What a carrier answered to a booking. {@code parcelTrackingNumbers} has one entry per parcel (the
 * same number repeated when the carrier numbers only the shipment). {@code carrierLabelPdf} is null
 * when the carrier returns no label and Waybill renders its own.
 */
public record CarrierShipment(String trackingNumber, List<String> parcelTrackingNumbers, String routingCode,
        byte[] carrierLabelPdf) {

    public CarrierShipment {
        parcelTrackingNumbers = List.copyOf(parcelTrackingNumbers);
    }
}
