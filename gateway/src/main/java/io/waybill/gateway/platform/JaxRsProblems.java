package io.waybill.gateway.platform;

import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors Quarkus REST raises while matching the gateway's own endpoints (415 for a body that is not JSON,
 * 405, 406) would leave with an empty body. Resource-local mappers still win where a resource has them.
 */
public class JaxRsProblems {

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && original.hasEntity()) {
            return original;
        }
        Problem problem = switch (status) {
            case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "This endpoint reads application/json");
            case 406 -> Problem.of(406, "not-acceptable", "Not acceptable",
                    "This endpoint answers application/json");
            case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
                    "This endpoint does not take that method");
            default -> Problem.of(status, "http-" + status, HttpResponseStatus.valueOf(status).reasonPhrase(), null);
        };
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(problem.toBuffer().toString());
        if (original != null && original.getHeaderString("Allow") != null) {
            answer.header("Allow", original.getHeaderString("Allow"));
        }
        return answer.build();
    }
}
