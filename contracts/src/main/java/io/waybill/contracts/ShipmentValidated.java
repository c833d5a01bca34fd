package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order passed validation; labels can now be bought.
 *
 * <p>Either the caller named {@code carrier} and {@code service} (then {@code selectionRule} is
 * null), or it gave a {@code selectionRule} (CHEAPEST or FASTEST), possibly with a carrier but no
 * service: label-service then chooses among the quotes and LabelGenerated names the choice.
 * {@code labelFormat} is PDF or ZPL; {@code fiscalDocument} may be null.
 */
public record ShipmentValidated(
        String shipmentId,
        String tenantId,
        String orderReference,
        Address sender,
        Address recipient,
        List<Parcel> parcels,
        String carrier,
        String service,
        String selectionRule,
        String labelFormat,
        FiscalDocument fiscalDocument,
        OffsetDateTime validatedAt) implements PublicEvent {

    public ShipmentValidated {
        parcels = Immutable.copy(parcels);
    }
}
