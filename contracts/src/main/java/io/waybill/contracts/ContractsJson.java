package io.waybill.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapping of the public events, shared by producers, consumers and tests so that
 * what the schemas and approved snapshots check is what goes on the wire.
 */
public final class ContractsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // ISO-8601 strings ("2026-11-25T10:15:30-05:00"), readable by any consumer language.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Keep the carrier's offset on read; Jackson would otherwise shift every time to UTC.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // 1000, never 1E+3: money must read the same in every consumer.
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            // Trees keep decimals exact (49.90 stays 49.90, not the double 49.9), so reading via
            // readTree + treeToValue gives the same record as reading the text directly.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // Additive changes within v1 must not break consumers built against an older jar.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Absent rather than null: nullable fields are optional in the schemas.
            .defaultPropertyInclusion(JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private ContractsJson() {
    }

    /**
     * The shared, thread-safe mapper. Immutable by convention: do not reconfigure it (that would
     * change the contract for every caller); use {@code mapper().copy()} to customise.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
