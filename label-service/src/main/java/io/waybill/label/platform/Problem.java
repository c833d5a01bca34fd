package io.waybill.label.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** An RFC 9457 problem document; {@code violations} lists every field that is wrong. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {
    }

    public static Response response(int status, String slug, String title, String detail, List<Violation> violations) {
        Problem problem = new Problem(URI.create("https://waybill.io/problems/" + slug), title, status, detail, violations);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }

    /** 429 with {@code Retry-After} (whole seconds): the caller may try again after that long. */
    public static Response tooManyRequests(String detail, long retryAfterSeconds) {
        Problem problem = new Problem(URI.create("https://waybill.io/problems/rate-limited"), "Too many requests", 429,
                detail, null);
        return Response.status(429).type(MEDIA_TYPE).header("Retry-After", Long.toString(retryAfterSeconds))
                .entity(problem).build();
    }
}
