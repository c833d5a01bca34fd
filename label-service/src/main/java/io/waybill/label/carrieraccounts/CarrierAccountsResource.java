package io.waybill.label.carrieraccounts;

import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.eventstore.Transactions;
import io.waybill.label.carrier.Carriers;
import io.waybill.label.carrieraccounts.CarrierAccountRecord.Status;
import io.waybill.label.platform.Caller;
import io.waybill.label.platform.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's carrier accounts. Credentials are sealed at rest (AES-GCM, ADR 0052) and never leave:
 * not in answers, logs, events or problem details; an answer lists only the names of the secret
 * settings. Another tenant's account answers 404, like a missing one.
 */
@Path("/api/v1/carrier-accounts")
@RolesAllowed({"erp", "admin"})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class CarrierAccountsResource {

    /** What a client sends: {@code settings} as each carrier plug-in documents them (credentials included). */
    public record NewCarrierAccount(String carrier, String name, Map<String, String> settings) {
    }

    /** What a client sees. */
    public record CarrierAccountView(UUID id, String carrier, String name, Status status, String statusReason,
            Map<String, String> settings, List<String> secretSettings, OffsetDateTime createdAt,
            OffsetDateTime statusChangedAt) {

        static CarrierAccountView of(CarrierAccountRecord a) {
            return new CarrierAccountView(a.id(), a.carrier(), a.name(), a.status(), a.statusReason(), a.publicSettings(),
                    a.secretNames(), a.createdAt(), a.statusAt());
        }
    }

    private final AgroalDataSource dataSource;
    private final Carriers carriers;
    private final CredentialCipher cipher;
    private final Caller caller;

    public CarrierAccountsResource(AgroalDataSource dataSource, Carriers carriers, CredentialCipher cipher, Caller caller) {
        this.dataSource = dataSource;
        this.carriers = carriers;
        this.cipher = cipher;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a carrier account", description = "Stored Pending; the credentials are then checked "
            + "with the carrier asynchronously (Syncing → Synced, or Failed with the carrier's reason).")
    public Response create(NewCarrierAccount body) {
        if (!cipher.configured()) {
            return unavailable();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (body == null) {
            return Problem.response(400, "malformed-request", "Malformed request", "A JSON body is required",
                    List.of(new Problem.Violation("$", "is required")));
        }
        String carrier = body.carrier() == null ? "" : body.carrier().trim().toLowerCase(Locale.ROOT);
        Map<String, String> settings = body.settings() == null ? Map.of() : body.settings();
        if (carrier.isEmpty()) {
            violations.add(new Problem.Violation("carrier", "is required"));
        } else if (!carriers.installed(carrier)) {
            violations.add(new Problem.Violation("carrier", "no carrier plug-in named '" + carrier + "' is installed"));
        }
        if (body.name() != null && body.name().length() > 100) {
            violations.add(new Problem.Violation("name", "must be at most 100 characters"));
        }
        settings.forEach((key, value) -> {
            if (value == null) {
                violations.add(new Problem.Violation("settings." + key, "must be a string"));
            }
        });
        if (violations.isEmpty()) {
            try {
                carriers.create(carrier, settings); // checks the settings' presence and shape, offline
            } catch (IllegalArgumentException e) {
                // Plug-ins name the setting, never its value (CarrierAdapterFactory); redacted all the same.
                violations.add(new Problem.Violation("settings", CarrierAccount.of(carrier, settings).redact(e.getMessage())));
            }
        }
        if (!violations.isEmpty()) {
            return Problem.response(422, "invalid-carrier-account", "Invalid carrier account",
                    "The carrier account has " + violations.size() + " problem(s)", violations);
        }
        UUID id = UUID.randomUUID();
        String tenant = caller.tenant();
        Map<String, String> shown = new TreeMap<>();
        List<String> secretNames = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (CarrierAccount.isSecret(key)) {
                secretNames.add(key);
            } else {
                shown.put(key, value);
            }
        });
        secretNames.sort(null);
        OffsetDateTime now = OffsetDateTime.now();
        CarrierAccountRecord account = new CarrierAccountRecord(id, tenant, carrier,
                body.name() == null || body.name().isBlank() ? carrier : body.name().trim(), Status.PENDING, null, shown,
                secretNames, now, now);
        CredentialCipher.Sealed sealed = cipher.seal(CarrierAccountStore.json(settings),
                TenantCarriers.associatedData(tenant, id));
        Transactions.inTransaction(dataSource, c -> {
            CarrierAccountStore.insert(c, account, sealed);
            return null;
        });
        return Response.accepted(CarrierAccountView.of(account)).type(MediaType.APPLICATION_JSON)
                .location(URI.create("/api/v1/carrier-accounts/" + id)).build();
    }

    @GET
    @Operation(summary = "The tenant's carrier accounts")
    public List<CarrierAccountView> list() {
        return Transactions.inTransaction(dataSource, c -> CarrierAccountStore.list(c, caller.tenant())).stream()
                .map(CarrierAccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One carrier account, with its credential check's status")
    public Response get(@PathParam("id") String id) {
        return parse(id).flatMap(uuid -> Transactions.inTransaction(dataSource,
                        c -> CarrierAccountStore.find(c, caller.tenant(), uuid)))
                .map(account -> Response.ok(CarrierAccountView.of(account), MediaType.APPLICATION_JSON).build())
                .orElseGet(CarrierAccountsResource::notFound);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a carrier account and its sealed credentials",
            description = "Labels of the tenant fall back to the service's configured account for that carrier.")
    public Response delete(@PathParam("id") String id) {
        boolean deleted = parse(id).map(uuid -> Transactions.inTransaction(dataSource,
                c -> CarrierAccountStore.delete(c, caller.tenant(), uuid))).orElse(false);
        return deleted ? Response.noContent().build() : notFound();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response notFound() {
        return Problem.response(404, "not-found", "Not found", "No such carrier account", null);
    }

    private static Response unavailable() {
        return Problem.response(503, "credentials-key-missing", "Carrier accounts unavailable",
                "No credential encryption key is configured (waybill.labels.credentials.*)", null);
    }
}
