package io.waybill.tracking.registering;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agroal.api.AgroalDataSource;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.carriers.Carriers;
import io.waybill.tracking.platform.Caller;
import io.waybill.tracking.platform.Problem;
import io.waybill.tracking.webhooks.CarrierEventIntake;
import io.waybill.tracking.webhooks.CarrierEventIntake.Registration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Following numbers made outside Waybill (role erp; the tenant is the token's). The carrier is taken as
 * given or detected from the number ({@link CarrierDetection}). A number registered here belongs to no
 * Waybill shipment, so it gets a synthetic shipment id {@code trk-<uuid>}: StatusChanged is keyed by it.
 * Registering a number again is harmless (200 with the existing registration); a number another tenant
 * already follows is a 409.
 */
@Path("/api/v1/trackings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("erp")
public class RegistrationResource {

    public static final int MAX_BATCH = 1_000;
    public static final String SYNTHETIC_PREFIX = "trk-";
    private static final Pattern NUMBER = Pattern.compile("^[A-Z0-9-]{4,64}$");

    public record RegisterTracking(String trackingNumber, String carrier, String reference) {
    }

    public record RegisterBatch(List<RegisterTracking> items) {
    }

    /** One item's answer; {@code status} is the HTTP status it would have had alone. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(Integer index, int status, String trackingNumber, String carrier, String shipmentId,
            String reference, String detail) {
    }

    public record BatchResult(int registered, int failed, List<ItemResult> results) {
    }

    private final AgroalDataSource dataSource;
    private final CarrierEventIntake intake;
    private final Carriers carriers;
    private final Caller caller;

    public RegistrationResource(AgroalDataSource dataSource, CarrierEventIntake intake, Carriers carriers, Caller caller) {
        this.dataSource = dataSource;
        this.intake = intake;
        this.carriers = carriers;
        this.caller = caller;
    }

    @POST
    public Response register(RegisterTracking body) {
        if (body == null) {
            return Problem.response(422, "invalid-request", "Invalid request", "A body is required",
                    List.of(new Problem.Violation("$", "is required")));
        }
        ItemResult result = registerOne(caller.tenant(), null, body);
        if (result.status() >= 400) {
            String field = result.status() == 422 && result.detail().startsWith("trackingNumber") ? "trackingNumber" : "carrier";
            return Problem.response(result.status(), result.status() == 409 ? "conflict" : "invalid-tracking",
                    result.status() == 409 ? "Conflict" : "Tracking cannot be registered", result.detail(),
                    result.status() == 422 ? List.of(new Problem.Violation(field, result.detail())) : null);
        }
        return Response.status(result.status()).entity(result).build();
    }

    @POST
    @Path("batch")
    public Response registerBatch(RegisterBatch body) {
        if (body == null || body.items() == null || body.items().isEmpty()) {
            return Problem.response(422, "invalid-request", "Invalid request", "items must hold at least one tracking",
                    List.of(new Problem.Violation("items", "must not be empty")));
        }
        if (body.items().size() > MAX_BATCH) {
            return Problem.response(413, "batch-too-large", "Batch too large",
                    "At most " + MAX_BATCH + " trackings per batch; this one has " + body.items().size(),
                    List.of(new Problem.Violation("items", "at most " + MAX_BATCH + " items")));
        }
        String tenant = caller.tenant();
        List<ItemResult> results = new ArrayList<>(body.items().size());
        int registered = 0;
        for (int i = 0; i < body.items().size(); i++) {
            ItemResult result = registerOne(tenant, i, body.items().get(i));
            results.add(result);
            registered += result.status() < 400 ? 1 : 0;
        }
        return Response.ok(new BatchResult(registered, results.size() - registered, results)).build();
    }

    private ItemResult registerOne(String tenant, Integer index, RegisterTracking item) {
        if (item == null || item.trackingNumber() == null || item.trackingNumber().isBlank()) {
            return failure(index, 422, null, null, "trackingNumber is required");
        }
        String number = CarrierDetection.normalize(item.trackingNumber());
        if (!NUMBER.matcher(number).matches()) {
            return failure(index, 422, number, null, "trackingNumber must be 4 to 64 letters, digits or dashes");
        }
        String reference = item.reference() == null || item.reference().isBlank() ? null : item.reference().strip();
        if (reference != null && reference.length() > 200) {
            return failure(index, 422, number, null, "reference must be at most 200 characters");
        }
        String carrier;
        if (item.carrier() == null || item.carrier().isBlank()) {
            Optional<String> detected = CarrierDetection.detect(number);
            if (detected.isEmpty()) {
                return failure(index, 422, number, null, "carrier could not be detected from the number; give carrier");
            }
            carrier = detected.get();
        } else {
            carrier = item.carrier().strip().toLowerCase(Locale.ROOT);
        }
        if (carriers.find(carrier).isEmpty()) {
            return failure(index, 422, number, carrier, "carrier " + carrier + " is not available in this installation");
        }
        String synthetic = SYNTHETIC_PREFIX + UUID.randomUUID();
        Registration registration = Transactions.inTransaction(dataSource, c -> intake.register(c, carrier, number, synthetic,
                tenant, OffsetDateTime.now(ZoneOffset.UTC), reference, null, null));
        if (!tenant.equals(registration.tracking().tenantId())) {
            return failure(index, 409, number, carrier, "this tracking number is already followed by another account");
        }
        return new ItemResult(index, registration.created() ? 201 : 200, number, carrier, registration.tracking().shipmentId(),
                reference, null);
    }

    private static ItemResult failure(Integer index, int status, String number, String carrier, String detail) {
        return new ItemResult(index, status, number, carrier, null, null, detail);
    }
}
