package io.waybill.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The schema of every kind the manifests use, from the most authoritative source a registry offers
 * (ADR 0020):
 * <ul>
 * <li>Kubernetes and Gateway API kinds: generated from the fabric8 Kubernetes model classes (which are
 * generated from the Kubernetes OpenAPI document) by fabric8's CRD schema generator;</li>
 * <li>Strimzi: the CRDs Strimzi's own generator writes from Strimzi's API classes at build time
 * ({@code target/strimzi-crds}, see the pom);</li>
 * <li>Keycloak's realm import: the realm from Keycloak's {@code RealmRepresentation} (keycloak-core), the class the
 * operator's CRD is generated from; the envelope and the {@code Keycloak} kind, and CloudNativePG's
 * {@code Cluster}, are transcriptions of their API references in {@code src/test/resources/schemas},
 * because neither project publishes its CRDs to a registry.</li>
 * </ul>
 */
final class SchemaCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private static final Map<String, Class<?>> KUBERNETES_MODEL = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class));

    private static final Map<String, String> TRANSCRIBED = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "schemas/cnpg-cluster.v1.yaml",
            "k8s.keycloak.org/v2alpha1/Keycloak", "schemas/keycloak.v2alpha1.yaml",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "schemas/keycloakrealmimport.v2alpha1.yaml");

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static volatile Map<String, JsonNode> strimzi;

    private SchemaCatalog() {
    }

    /** The schema for {@code apiVersion/kind}, or empty when no source for it is known. */
    static Optional<JsonSchema> forType(String type) {
        if (CACHE.containsKey(type)) {
            return Optional.of(CACHE.get(type));
        }
        return structural(type).map(s -> {
            JsonSchema schema = FACTORY.getSchema(StructuralSchemas.toJsonSchema(s));
            CACHE.put(type, schema);
            return schema;
        });
    }

    static Optional<ObjectNode> structural(String type) {
        String kind = type.substring(type.lastIndexOf('/') + 1);
        String apiVersion = type.substring(0, type.lastIndexOf('/'));
        ObjectNode root;
        if (KUBERNETES_MODEL.containsKey(type)) {
            // The generator leaves metadata out of a top-level kind (a CRD's is implied): put it back.
            root = StructuralSchemas.withMetadata(fromModel(KUBERNETES_MODEL.get(type)), objectMeta());
        } else if (strimziCrds().containsKey(type)) {
            root = StructuralSchemas.withMetadata(strimziCrds().get(type).deepCopy(), objectMeta());
        } else if (TRANSCRIBED.containsKey(type)) {
            root = StructuralSchemas.withMetadata(transcribed(TRANSCRIBED.get(type)), objectMeta());
            if (kind.equals("KeycloakRealmImport")) {
                root.withObjectProperty("properties").withObjectProperty("spec").withObjectProperty("properties")
                        .set("realm", fromModel(RealmSchema.class).at("/properties/realm"));
            }
        } else {
            return Optional.empty();
        }
        ObjectNode properties = root.withObjectProperty("properties");
        properties.set("apiVersion", StructuralSchemas.enumOf(apiVersion));
        properties.set("kind", StructuralSchemas.enumOf(kind));
        StructuralSchemas.require(root, "apiVersion", "kind", "metadata");
        return Optional.of(root);
    }

    private static ObjectNode fromModel(Class<?> modelClass) {
        return JSON.valueToTree(io.fabric8.crdv2.generator.v1.JsonSchema.from(modelClass));
    }

    private static JsonNode objectMeta() {
        return StructuralSchemas.require(fromModel(ObjectMeta.class), "name");
    }

    private static ObjectNode transcribed(String resource) {
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return (ObjectNode) Kustomize.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code group/version/Kind} to openAPIV3Schema, from the CRDs generated into target/strimzi-crds. */
    static Map<String, JsonNode> strimziCrds() {
        if (strimzi == null) {
            Path dir = Path.of(System.getProperty("waybill.strimzi.crds", "target/strimzi-crds"));
            if (!Files.isDirectory(dir)) {
                throw new AssertionError("no Strimzi CRDs in " + dir.toAbsolutePath()
                        + ": they are generated in generate-test-resources (run the tests through Maven)");
            }
            Map<String, JsonNode> crds = new HashMap<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    JsonNode crd = Kustomize.YAML.readTree(file.toFile());
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode version : crd.path("spec").path("versions")) {
                        crds.put(group + "/" + version.path("name").asText() + "/" + kind,
                                version.path("schema").path("openAPIV3Schema"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            strimzi = crds;
        }
        return strimzi;
    }
}
