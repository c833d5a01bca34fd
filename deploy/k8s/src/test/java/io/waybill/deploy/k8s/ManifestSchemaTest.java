package io.waybill.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every overlay renders with kubectl kustomize, and every object it renders matches its kind's schema. */
class ManifestSchemaTest {

    static List<Path> variants() {
        return Variants.all();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyRenderedObjectMatchesTheSchemaOfItsKind(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        assertThat(objects).as("objects rendered from %s", variant).hasSizeGreaterThan(50);

        List<String> problems = new ArrayList<>();
        for (ObjectNode object : objects) {
            problems.addAll(problems(object));
        }
        assertThat(problems).as("schema violations in %s", variant).isEmpty();
    }

    @Test
    void theOverlaysAreDevAndProd() {
        assertThat(Project.overlays()).extracting(p -> p.getFileName().toString()).containsExactly("dev", "prod");
    }

    // The checks above are only worth something if they catch mistakes: one per schema source.

    @Test
    void aMisspeltProbeInADeploymentIsCaught() {
        assertRejected("Deployment", "order-service", d -> {
            ObjectNode container = (ObjectNode) d.at("/spec/template/spec/containers/0");
            container.set("readinesProbe", container.remove("readinessProbe"));
        });
    }

    @Test
    void aPortGivenAsAListInANetworkPolicyIsCaught() {
        assertRejected("NetworkPolicy", "gateway",
                p -> ((ObjectNode) p.at("/spec/ingress/0/ports/0")).putArray("port").add(8080));
    }

    @Test
    void anUnknownAclOperationInAKafkaUserIsCaught() {
        assertRejected("KafkaUser", "order-service",
                u -> ((ArrayNode) u.at("/spec/authorization/acls/0/operations")).add("Publish"));
    }

    @Test
    void partitionsAsTextInAKafkaTopicAreCaught() {
        assertRejected("KafkaTopic", "waybill.label-generated", t -> ((ObjectNode) t.get("spec")).put("partitions", "twelve"));
    }

    @Test
    void aMisspeltFieldInACloudNativePgClusterIsCaught() {
        assertRejected("Cluster", "order-db", c -> ((ObjectNode) c.get("spec")).put("instance", 3));
    }

    @Test
    void aClientWithAnUnknownFieldInTheRealmImportIsCaught() {
        assertRejected("KeycloakRealmImport", "waybill-realm",
                r -> ((ObjectNode) r.at("/spec/realm/clients/0")).put("clientSecret", "x"));
    }

    @Test
    void aKindWithoutASchemaIsCaught() {
        assertRejected("ConfigMap", "waybill-oidc", c -> c.put("kind", "ConfigMapp"));
    }

    private static void assertRejected(String kind, String name, Consumer<ObjectNode> breakIt) {
        ObjectNode object = K8s.get(Kustomize.render(Project.overlay("prod")), kind, name).deepCopy();
        assertThat(problems(object)).as("the valid %s %s", kind, name).isEmpty();
        breakIt.accept(object);
        assertThat(problems(object)).as("the broken %s %s", kind, name).isNotEmpty();
    }

    private static List<String> problems(ObjectNode object) {
        String type = K8s.type(object);
        JsonSchema schema = SchemaCatalog.forType(type).orElse(null);
        if (schema == null) {
            return List.of(K8s.describe(object) + ": no schema known for " + type);
        }
        Set<ValidationMessage> messages = schema.validate(object);
        return messages.stream().map(m -> K8s.describe(object) + ": " + m.getMessage()).collect(Collectors.toList());
    }
}
