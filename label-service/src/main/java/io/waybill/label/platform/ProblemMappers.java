package io.waybill.label.platform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.waybill.eventstore.ConcurrencyConflict;
import io.waybill.label.carriercalls.CarrierRateLimited;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as problem+json; nothing internal (stack traces, SQL) reaches the caller. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof MismatchedInputException mismatch ? path(mismatch) : null;
        // Unknown fields are refused (quarkus.jackson.fail-on-unknown-properties): a misspelt optional field
        // would otherwise be dropped without a word (ADR 0009).
        String message = e instanceof UnrecognizedPropertyException
                ? "is not a field of this request"
                : e instanceof InvalidFormatException || e instanceof MismatchedInputException
                ? "has the wrong type or format"
                : "the body is not valid JSON";
        return Problem.response(400, "malformed-request", "Malformed request", "The request body could not be read",
                List.of(new Problem.Violation(field == null ? "$" : field, message)));
    }

    // Quarkus ships mappers for these two that answer plain JSON; ours are more specific to the app and win.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response conflict(ConcurrencyConflict e) {
        return Problem.response(409, "concurrent-modification", "Concurrent modification",
                "The label was changed by another request; retry", null);
    }

    /** A carrier account's rate limit refused a synchronous call: 429 with the time until a permit. */
    @ServerExceptionMapper
    public Response rateLimited(CarrierRateLimited e) {
        return Problem.tooManyRequests(e.getMessage(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return Problem.response(status, "http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return Problem.response(500, "internal", "Internal error", "The request could not be completed", null);
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
