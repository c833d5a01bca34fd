package io.waybill.gateway.webhooks;

import io.waybill.gateway.platform.Problem;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** problem+json answers of the gateway's own REST endpoints, the same shape as {@link Problem}. */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static Response of(int status, String slug, String title, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body(status, slug, title, detail)).build();
    }

    /** 422 listing every violation as {@code {field, message}}. */
    public static Response invalid(List<?> violations) {
        Map<String, Object> body = body(422, "invalid-request", "Invalid request",
                violations.size() + " field(s) are invalid");
        body.put("violations", violations);
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    public static Response notFound(String what) {
        return of(404, "not-found", "Not found", what + " does not exist");
    }

    private static Map<String, Object> body(int status, String slug, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://waybill.io/problems/" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }
}
