package io.waybill.gateway.apidocs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The merged OpenAPI document ({@link MergedOpenApi}). */
@ConfigMapping(prefix = "waybill.api-docs")
public interface ApiDocsConfig {

    /** A service's document is fetched again after this long; until then the cached copy is served. */
    @WithDefault("5m")
    Duration cacheTtl();

    /** A service that cannot answer within this is left out (or its last good copy kept) this time. */
    @WithDefault("2s")
    Duration fetchTimeout();

    /** Path of each service's OpenAPI document (Quarkus' default). */
    @WithDefault("/q/openapi?format=json")
    String servicePath();
}
