package io.waybill.label.quoting;

import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.Quote;
import io.waybill.contracts.Address;
import io.waybill.contracts.Money;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ShipmentValidated;
import io.waybill.label.carrieraccounts.TenantCarriers;
import io.waybill.label.carriercalls.CarrierGuards;
import io.waybill.label.carriercalls.CarrierRateLimited;
import io.waybill.label.platform.Caller;
import io.waybill.label.platform.Problem;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Rates before booking: every carrier the tenant can use (its own accounts, else the configured ones)
 * is asked in parallel, each within {@code waybill.labels.quotes.timeout}. A carrier that fails or is
 * too slow is listed with its error; it does not fail the request.
 */
@Path("/api/v1/quotes")
@RolesAllowed({"erp", "admin"})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class QuotesResource {

    public record QuoteRequest(Address sender, Address recipient, List<Parcel> parcels) {
    }

    public record QuoteLine(String carrier, String service, Money price, int transitDays) {
    }

    public record CarrierError(String carrier, String code, String message) {
    }

    public record Quotes(List<QuoteLine> quotes, List<CarrierError> errors) {
    }

    /** One carrier's answer; {@code rateLimited} when its account's rate limit refused the call. */
    private record Answer(List<QuoteLine> quotes, CarrierError error, CarrierRateLimited rateLimited) {

        Answer(List<QuoteLine> quotes, CarrierError error) {
            this(quotes, error, null);
        }
    }

    private final TenantCarriers carriers;
    private final CarrierGuards guards;
    private final Caller caller;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public QuotesResource(TenantCarriers carriers, CarrierGuards guards, Caller caller,
            @ConfigProperty(name = "waybill.labels.quotes.timeout", defaultValue = "5s") Duration timeout) {
        this.carriers = carriers;
        this.guards = guards;
        this.caller = caller;
        this.timeout = timeout;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quote a shipment with every carrier", description = "Prices and transit days per carrier "
            + "service, cheapest first; carriers that could not quote are listed under errors. 429 with Retry-After "
            + "when every carrier account of the tenant is at its rate limit.")
    public Response quote(QuoteRequest body) {
        List<Problem.Violation> violations = validate(body);
        if (!violations.isEmpty()) {
            return Problem.response(422, "invalid-quote-request", "Invalid quote request",
                    "The quote request has " + violations.size() + " problem(s)", violations);
        }
        String tenant = caller.tenant();
        ShipmentValidated shipment = new ShipmentValidated("quote-" + UUID.randomUUID(), tenant, "QUOTE", body.sender(),
                body.recipient(), body.parcels(), null, null, null, "PDF", null, OffsetDateTime.now());
        List<CompletableFuture<Answer>> asked = carriers.allForTenant(tenant).stream()
                .map(bound -> CompletableFuture.supplyAsync(() -> ask(bound, shipment), executor)
                        .completeOnTimeout(new Answer(List.of(), new CarrierError(bound.adapter().code(), "TIMEOUT",
                                "No quote within " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS))
                .toList();
        List<QuoteLine> quotes = new ArrayList<>();
        List<CarrierError> errors = new ArrayList<>();
        List<Answer> answers = asked.stream().map(CompletableFuture::join).toList();
        for (Answer a : answers) {
            quotes.addAll(a.quotes());
            if (a.error() != null) {
                errors.add(a.error());
            }
        }
        if (!answers.isEmpty() && answers.stream().allMatch(a -> a.rateLimited() != null)) {
            // Every carrier account is at its rate limit: nothing to compare; retry when the last one has a permit.
            long retryAfter = answers.stream().mapToLong(a -> a.rateLimited().retryAfterSeconds()).max().orElse(1);
            return Problem.tooManyRequests("The rate limit of every carrier account is reached; retry in " + retryAfter
                    + " s", retryAfter);
        }
        quotes.sort(Comparator.comparing((QuoteLine q) -> q.price().amount()).thenComparing(QuoteLine::transitDays));
        return Response.ok(new Quotes(quotes, errors), MediaType.APPLICATION_JSON).build();
    }

    private Answer ask(TenantCarriers.Bound bound, ShipmentValidated shipment) {
        String code = bound.adapter().code();
        try {
            @SuppressWarnings("unchecked")
            List<Quote> quotes = guards.call(bound.adapter(), bound.accountKey(), () -> bound.adapter().quote(shipment),
                    List.class);
            return new Answer(quotes.stream().map(q -> new QuoteLine(q.carrier(), q.service(), q.price(), q.transitDays()))
                    .toList(), null);
        } catch (CarrierRateLimited e) {
            return new Answer(List.of(), new CarrierError(code, "RATE_LIMITED", e.getMessage()), e);
        } catch (CarrierException e) {
            return new Answer(List.of(), new CarrierError(code, e.code(), e.getMessage()));
        } catch (Exception e) {
            return new Answer(List.of(), new CarrierError(code, "CARRIER_UNAVAILABLE", e.getClass().getSimpleName()));
        }
    }

    private static List<Problem.Violation> validate(QuoteRequest body) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (body == null) {
            violations.add(new Problem.Violation("$", "a JSON body is required"));
            return violations;
        }
        address("sender", body.sender(), violations);
        address("recipient", body.recipient(), violations);
        if (body.parcels() == null || body.parcels().isEmpty()) {
            violations.add(new Problem.Violation("parcels", "at least one parcel is required"));
        } else {
            for (int i = 0; i < body.parcels().size(); i++) {
                Parcel parcel = body.parcels().get(i);
                if (parcel == null || parcel.weightGrams() <= 0) {
                    violations.add(new Problem.Violation("parcels[" + i + "].weightGrams", "must be more than 0"));
                }
            }
        }
        return violations;
    }

    private static void address(String field, Address address, List<Problem.Violation> violations) {
        if (address == null) {
            violations.add(new Problem.Violation(field, "is required"));
            return;
        }
        if (address.country() == null || !address.country().matches("[A-Z]{2}")) {
            violations.add(new Problem.Violation(field + ".country", "must be an ISO 3166-1 alpha-2 code"));
        }
        if (address.city() == null || address.city().isBlank()) {
            violations.add(new Problem.Violation(field + ".city", "is required"));
        }
    }
}
