package io.waybill.returns.registering;

import io.waybill.returns.returning.InspectedItem;
import java.util.List;

/** {@code POST /api/v1/returns/{id}/inspection}: every returned unit as RESTOCK, DAMAGED or MISSING. */
public record InspectionRequest(List<InspectedItem> items) {
}
