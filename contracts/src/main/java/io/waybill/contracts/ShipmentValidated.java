package io.waybill.contracts;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order passed validation and a carrier service was chosen; labels can now be bought.
 *
 * <p>{@code selectionRule} (CHEAPEST or FASTEST) is null when the caller named the carrier
 * service itself; {@code labelFormat} is PDF or ZPL; {@code fiscalDocument} may be null.
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
