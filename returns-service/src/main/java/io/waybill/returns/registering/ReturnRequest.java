package io.waybill.returns.registering;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.contracts.ReturnItem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/v1/returns}: which shipment, which items come back and why; optionally a return
 * label: {@code true} (the outbound carrier, its default return service, the shipment's label format)
 * or {@code {"carrier", "service", "format", "reference"}}, each optional.
 */
public record ReturnRequest(String shipmentId, List<ReturnItem> items, String reason,
        @Schema(description = "Optional return label: true, or an object {carrier, service, format (PDF|ZPL), reference},"
                + " each optional (defaults: the outbound shipment's carrier, the carrier's default return service,"
                + " the shipment's label format, the return id)", oneOf = {Boolean.class, LabelOptions.class})
        JsonNode returnLabel) {

    /** The return label's options, as the request gives them (all optional). */
    public record LabelOptions(String carrier, String service, String format, String reference) {
    }
}
