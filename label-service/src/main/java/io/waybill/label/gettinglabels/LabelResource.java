package io.waybill.label.gettinglabels;

import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.Transactions;
import io.waybill.label.labelling.Label;
import io.waybill.label.labelling.LabelDecider;
import io.waybill.label.labelling.LabelDocuments;
import io.waybill.label.labelling.LabelEvents;
import io.waybill.label.platform.Caller;
import io.waybill.label.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Label download: a shipment's label and its return labels. Another tenant's shipment or return
 * answers 404, like a missing one; a label voided because the shipment was cancelled answers 410 Gone
 * (the documents are kept, but must not be printed).
 */
@Path("/api/v1")
@RolesAllowed({"erp", "admin"})
public class LabelResource {

    public static final String ZPL_MEDIA_TYPE = "application/x-zpl";

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final Caller caller;

    public LabelResource(AgroalDataSource dataSource, EventStore store, Caller caller) {
        this.dataSource = dataSource;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Path("/shipments/{id}/label")
    @Produces({"application/pdf", ZPL_MEDIA_TYPE, Problem.MEDIA_TYPE})
    @Operation(summary = "Download the label", description = "format=pdf (default) or zpl; parcel=n for one parcel, "
            + "otherwise the whole shipment (merged PDF, concatenated ZPL). 410 once the label was voided "
            + "(shipment cancelled).")
    public Response label(@PathParam("id") String id, @QueryParam("format") @DefaultValue("pdf") String format,
            @QueryParam("parcel") @DefaultValue("0") int parcel) {
        Optional<Response> malformed = malformed(format, parcel);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        String normalized = format.toUpperCase(Locale.ROOT);
        return Transactions.inTransaction(dataSource, c -> {
            // Label streams are a handful of events: folding them here is simpler than a label_status projection.
            Label label = store.fold(c, LabelEvents.streamId(id), LabelEvents.CODEC, Label.NONE, LabelDecider::evolve)
                    .state();
            if (label.voidedOrVoiding() && caller.maySee(label.tenantId())) {
                return Problem.response(410, "label-voided", "Label voided",
                        "label voided: the shipment was cancelled and its label voided with the carrier", null);
            }
            return served(LabelDocuments.find(c, id, normalized, parcel), "label-" + id, normalized,
                    "No label for this shipment");
        });
    }

    @GET
    @Path("/returns/{returnId}/label")
    @Produces({"application/pdf", ZPL_MEDIA_TYPE, Problem.MEDIA_TYPE})
    @Operation(summary = "Download a return label", description = "The label bought for a ReturnLabelRequested: "
            + "format=pdf (default) or zpl; parcel=n for one parcel, otherwise all of them.")
    public Response returnLabel(@PathParam("returnId") String returnId,
            @QueryParam("format") @DefaultValue("pdf") String format, @QueryParam("parcel") @DefaultValue("0") int parcel) {
        Optional<Response> malformed = malformed(format, parcel);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        String normalized = format.toUpperCase(Locale.ROOT);
        return Transactions.inTransaction(dataSource, c -> served(LabelDocuments.findReturn(c, returnId, normalized, parcel),
                "return-label-" + returnId, normalized, "No label for this return"));
    }

    private Response served(Optional<LabelDocuments.Document> found, String fileName, String format, String missing) {
        return found.filter(document -> caller.maySee(document.tenantId()))
                .map(document -> Response.ok(document.content(), format.equals("PDF") ? "application/pdf" : ZPL_MEDIA_TYPE)
                        .header("Content-Disposition", "inline; filename=\"" + fileName + "."
                                + format.toLowerCase(Locale.ROOT) + "\"")
                        .build())
                .orElseGet(() -> Problem.response(404, "not-found", "Not found", missing, null));
    }

    /** Every violation of the query at once. */
    private static Optional<Response> malformed(String format, int parcel) {
        List<Problem.Violation> violations = new ArrayList<>();
        String normalized = format.toUpperCase(Locale.ROOT);
        if (!normalized.equals("PDF") && !normalized.equals("ZPL")) {
            violations.add(new Problem.Violation("format", "must be pdf or zpl"));
        }
        if (parcel < 0) {
            violations.add(new Problem.Violation("parcel", "must be 1 or more"));
        }
        return violations.isEmpty() ? Optional.empty() : Optional.of(Problem.response(400, "malformed-request",
                "Malformed request", "The query parameters are not valid", violations));
    }
}
