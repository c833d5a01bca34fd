package io.waybill.returns.registering;

import io.waybill.contracts.ReturnItem;
import java.util.List;

/** {@code POST /api/v1/returns}: which shipment, which items come back and why; optionally ask for a return label. */
public record ReturnRequest(String shipmentId, List<ReturnItem> items, String reason, Boolean returnLabel) {
}
