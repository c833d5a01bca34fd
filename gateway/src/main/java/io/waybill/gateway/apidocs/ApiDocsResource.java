package io.waybill.gateway.apidocs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /openapi}: the merged document; Swagger UI ({@code /q/swagger-ui}) shows it first. */
@Path("/openapi")
public class ApiDocsResource {

    private final MergedOpenApi merged;

    public ApiDocsResource(MergedOpenApi merged) {
        this.merged = merged;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ObjectNode document() throws IOException {
        return merged.document();
    }
}
