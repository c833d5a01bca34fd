package io.waybill.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import io.waybill.gateway.routing.RouteTable;
import io.waybill.gateway.routing.RoutesConfig;
import io.waybill.gateway.routing.Upstream;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One OpenAPI document of the whole public API: the gateway's own (webhook subscriptions) plus each service's,
 * fetched at run time from the service and cached (docs/adr/0032). Only paths the gateway routes to that service
 * are taken, so internal endpoints stay out. A service that is down is left out until it answers (its last good
 * copy is kept meanwhile); {@code x-waybill-sources} says which services the document was built from.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COMPONENT_KINDS =
            {"schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes"};

    private record Fetched(JsonNode document, Instant at) {
    }

    private final OpenApiDocumentService own;
    private final RoutesConfig routes;
    private final ApiDocsConfig config;
    private final Clock clock;
    private final HttpClient client;
    private final Map<Upstream, Fetched> cache = new ConcurrentHashMap<>();

    public MergedOpenApi(OpenApiDocumentService own, RoutesConfig routes, ApiDocsConfig config) {
        this.own = own;
        this.routes = routes;
        this.config = config;
        this.clock = Clock.systemUTC();
        this.client = HttpClient.newBuilder().connectTimeout(config.fetchTimeout()).build();
    }

    public ObjectNode document() throws IOException {
        ObjectNode merged = (ObjectNode) JSON.readTree(own.getDocument(Format.JSON));
        ObjectNode info = merged.withObject("/info");
        info.put("title", "Waybill API");
        info.put("description", "The public API of Waybill, as served by the gateway: the gateway's own endpoints"
                + " and those of the services behind it.");
        ObjectNode sources = JSON.createObjectNode();
        for (Upstream upstream : Upstream.values()) {
            Fetched fetched = fetch(upstream);
            if (fetched == null) {
                sources.put(upstream.serviceName(), "unavailable");
                continue;
            }
            int paths = mergeInto(merged, fetched.document(), upstream);
            sources.put(upstream.serviceName(), paths + " path(s), fetched " + fetched.at());
        }
        merged.set("x-waybill-sources", sources);
        return merged;
    }

    private Fetched fetch(Upstream upstream) {
        Instant now = clock.instant();
        Fetched cached = cache.get(upstream);
        if (cached != null && cached.at().plus(config.cacheTtl()).isAfter(now)) {
            return cached;
        }
        URI url = URI.create(upstream.settings(routes).url().toString().replaceAll("/+$", "") + config.servicePath());
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(url).timeout(config.fetchTimeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            JsonNode document = JSON.readTree(response.body());
            if (!document.path("paths").isObject()) {
                throw new IOException("not an OpenAPI document");
            }
            Fetched fresh = new Fetched(document, now);
            cache.put(upstream, fresh);
            return fresh;
        } catch (IOException | RuntimeException e) {
            LOG.infof("OpenAPI of %s not fetched (%s); %s", upstream.serviceName(), e.getMessage(),
                    cached == null ? "left out" : "serving the copy of " + cached.at());
            return cached;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cached;
        }
    }

    /** Adds the service's public paths and the components they use; returns how many paths were taken. */
    static int mergeInto(ObjectNode merged, JsonNode service, Upstream upstream) {
        ObjectNode paths = merged.withObject("/paths");
        int taken = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = service.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            // A template such as /api/v1/shipments/{id} is routed like any concrete id.
            String concrete = path.getKey().replaceAll("\\{[^}/]+}", "x");
            if (RouteTable.ownerOf(concrete).filter(upstream::equals).isPresent() && !paths.has(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
                taken++;
            }
        }
        JsonNode components = service.path("components");
        for (String kind : COMPONENT_KINDS) {
            ObjectNode target = merged.withObject("/components").withObject("/" + kind);
            for (Iterator<Map.Entry<String, JsonNode>> it = components.path(kind).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> component = it.next();
                JsonNode existing = target.get(component.getKey());
                if (existing == null) {
                    target.set(component.getKey(), component.getValue());
                } else if (!existing.equals(component.getValue())) {
                    // Same name, different shape: the first stays; recorded so the clash is visible and fixed at source.
                    merged.withArray("/x-waybill-component-clashes")
                            .add(kind + "/" + component.getKey() + " (" + upstream.serviceName() + ")");
                }
            }
        }
        mergeTags(merged, service);
        return taken;
    }

    private static void mergeTags(ObjectNode merged, JsonNode service) {
        ArrayNode tags = merged.withArray("/tags");
        Set<String> names = new HashSet<>();
        tags.forEach(tag -> names.add(tag.path("name").asText()));
        service.path("tags").forEach(tag -> {
            if (names.add(tag.path("name").asText())) {
                tags.add(tag);
            }
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
