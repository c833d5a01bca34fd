package io.waybill.fulfillment.partners.spi;

/**
 * One call or file exchanged with a partner, for the shipment's history: {@code kind} CALL or FILE,
 * {@code name} e.g. {@code PUT /orders} or {@code /out/order-<id>.xml}, {@code outcome} what came back
 * (e.g. {@code HTTP 200}, {@code uploaded}). Never holds secrets.
 */
public record Exchange(String kind, String name, String outcome) {

    public static Exchange call(String name, String outcome) {
        return new Exchange("CALL", name, outcome);
    }

    public static Exchange file(String name, String outcome) {
        return new Exchange("FILE", name, outcome);
    }
}
