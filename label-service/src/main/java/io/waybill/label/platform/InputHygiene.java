package io.waybill.label.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * PostgreSQL stores no U+0000 in text or jsonb, so a NUL anywhere in a request would fail deep in
 * a transaction as a database error (a 500). It is refused at the edge instead: in a JSON string
 * as a 400 naming the field, in the path as a 404 (no such resource), in the query as a 400.
 */
@Singleton
public class InputHygiene implements ObjectMapperCustomizer {

    private static final char NUL = '\u0000';

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("waybill-input-hygiene")
                .addDeserializer(String.class, new NulRefusingStrings()));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNulInUri(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().indexOf(NUL) >= 0) {
            return Optional.of(Problem.response(404, "not-found", "Not found", "No such resource", null));
        }
        for (var parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getValue().stream().anyMatch(value -> value.indexOf(NUL) >= 0)) {
                return Optional.of(Problem.response(400, "malformed-request", "Malformed request",
                        "The query string could not be read",
                        List.of(new Problem.Violation(parameter.getKey(), "contains a NUL character"))));
            }
        }
        return Optional.empty();
    }

    static final class NulRefusingStrings extends StdScalarDeserializer<String> {

        NulRefusingStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf(NUL) >= 0) {
                throw InvalidFormatException.from(parser, "contains a NUL character", value, String.class);
            }
            return value;
        }
    }
}
