package io.waybill.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the event schemas from the classpath, the way a consumer of the jar would. */
final class Schemas {

    private static final String ID_PREFIX = "https://waybill.io/schemas/";

    // $id points at waybill.io; map it to the jar so validation never goes to the network.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:schemas/")));

    // Formats are annotations only in 2020-12 unless asserted: we want "date-time" checked.
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static final Map<PublicEventType, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private Schemas() {
    }

    static JsonSchema of(PublicEventType type) {
        return CACHE.computeIfAbsent(type,
                t -> FACTORY.getSchema(SchemaLocation.of("classpath:" + t.schemaResource()), CONFIG));
    }

    static Set<ValidationMessage> validate(PublicEventType type, JsonNode json) {
        return of(type).validate(json);
    }

    static JsonSchema metaSchema() {
        return FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
    }

    static String idOf(PublicEventType type) {
        return ID_PREFIX + type.schemaName() + ".json";
    }

    /** The schema document itself, as a tree. */
    static JsonNode document(PublicEventType type) {
        return readResource(type.schemaResource());
    }

    static JsonNode readResource(String resource) {
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return ContractsJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through text on purpose: what is validated is exactly what would be put on the wire. */
    static JsonNode toJson(PublicEvent event) {
        try {
            return ContractsJson.mapper().readTree(ContractsJson.mapper().writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
