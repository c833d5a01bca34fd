package io.waybill.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service of the reactor is deployed the way its own configuration says it runs, with probes,
 * limits and a NetworkPolicy, and nothing but the gateway can be reached from outside.
 */
class ServiceManifestsTest {

    /**
     * Secrets that no rendered object and no operator creates: the installer makes them (docs/deploy.md,
     * "Secrets"). Anything else a workload references must come from the render or an operator.
     */
    private static final Set<String> INSTALLER_SECRETS = Set.of("tracking-webhook-secrets", "keycloak-client-secrets",
            "returns-webhook-secrets", "gateway-webhook-encryption", "label-credentials-key");

    static List<Path> variants() {
        return Variants.all();
    }

    @Test
    void theSixServicesAreFoundInTheReactor() {
        assertThat(ServiceModule.all()).extracting(ServiceModule::name).contains("gateway", "order-service",
                "label-service", "tracking-service", "returns-service", "fulfillment-service");
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyServiceRunsItsJibImageWithProbesLimitsAndItsOwnPort(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        for (ServiceModule service : ServiceModule.all()) {
            ObjectNode deployment = K8s.get(objects, "Deployment", service.name());
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            String what = service.name() + " in " + variant.getFileName();

            String image = container.path("image").asText();
            assertThat(image).as("image of %s", what).matches("(.+/)?" + service.imageRepository() + ":[\\w.-]+");

            assertThat(namedPort(container, "http")).as("port http of %s", what).isEqualTo(service.httpPort());
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as("readiness of %s", what)
                    .isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as("liveness of %s", what)
                    .isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.at("/resources/" + bound + "/" + resource).asText())
                            .as("%s %s of %s", bound, resource, what).isNotBlank();
                }
            }
            assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo(service.name());
            K8s.get(objects, "ServiceAccount", service.name());
            K8s.get(objects, "HorizontalPodAutoscaler", service.name());
            K8s.get(objects, "PodDisruptionBudget", service.name());
            // Pod Security "restricted".
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(deployment.at("/spec/template/spec/securityContext/seccompProfile/type").asText())
                    .isEqualTo("RuntimeDefault");
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyEnvironmentVariableIsOneTheServiceReads(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        for (ServiceModule service : ServiceModule.all()) {
            Map<String, String> env = environment(objects, K8s.get(objects, "Deployment", service.name()));
            assertThat(env.keySet()).as("environment of %s", service.name())
                    .allSatisfy(variable -> assertThat(service.readsEnvironmentVariable(variable))
                            .as("%s reads %s", service.name(), variable).isTrue());
            if (service.usesKafka()) {
                assertThat(env).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_JAAS_CONFIG");
            }
            assertThat(env).containsKey("WAYBILL_OIDC_URL");
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyReferencedConfigMapAndSecretExists(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        Set<String> secrets = new TreeSet<>(INSTALLER_SECRETS);
        K8s.ofKind(objects, "Secret").forEach(s -> secrets.add(K8s.name(s)));
        // Written by the operators for the rendered resources.
        K8s.ofKind(objects, "Cluster").forEach(c -> secrets.add(K8s.name(c) + "-app"));
        K8s.ofKind(objects, "KafkaUser").forEach(u -> secrets.add(K8s.name(u)));
        K8s.ofKind(objects, "Kafka").forEach(k -> secrets.add(K8s.name(k) + "-cluster-ca-cert"));

        for (ObjectNode deployment : K8s.ofKind(objects, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            List<String> configMaps = new ArrayList<>();
            for (JsonNode ref : pod.findValues("configMapRef")) {
                configMaps.add(ref.path("name").asText());
            }
            for (JsonNode ref : pod.findValues("configMapKeyRef")) {
                configMaps.add(ref.path("name").asText());
            }
            assertThat(configMaps).allSatisfy(name -> K8s.get(objects, "ConfigMap", name));
            List<String> secretRefs = new ArrayList<>();
            pod.findValues("secretKeyRef").forEach(ref -> secretRefs.add(ref.path("name").asText()));
            pod.findValues("secret").forEach(ref -> secretRefs.add(ref.path("secretName").asText()));
            assertThat(secretRefs).as("Secrets used by %s", K8s.name(deployment)).isSubsetOf(secrets);
        }
        ObjectNode realmImport = K8s.get(objects, "KeycloakRealmImport", "waybill-realm");
        realmImport.at("/spec/placeholders").forEach(p -> assertThat(secrets).contains(p.at("/secret/name").asText()));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyServiceHasANetworkPolicyThatLimitsItsTrafficBothWays(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        for (ServiceModule service : ServiceModule.all()) {
            ObjectNode policy = policyOf(objects, service);
            assertThat(texts(policy.at("/spec/policyTypes"))).as("policy types for %s", service.name())
                    .containsExactlyInAnyOrder("Ingress", "Egress");
            Set<String> databases = new TreeSet<>(policy.at("/spec/egress").findValuesAsText("cnpg.io/cluster"));
            if (service.usesKafka()) {
                String jdbcUrl = environment(objects, K8s.get(objects, "Deployment", service.name())).values().stream()
                        .filter(v -> v.startsWith("jdbc:postgresql://")).findFirst().orElseThrow();
                String ownCluster = jdbcUrl.replaceFirst("jdbc:postgresql://([^:/]+?)-rw[:/].*", "$1");
                assertThat(databases).as("databases %s may reach", service.name()).containsExactly(ownCluster);
                assertThat(policy.at("/spec/egress").findValuesAsText("strimzi.io/cluster")).containsOnly("waybill");
            } else {
                assertThat(databases).as("databases %s may reach", service.name()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void onlyTheGatewayIsReachableFromOutside(Path variant) {
        List<ObjectNode> objects = Kustomize.render(variant);
        Set<String> routedServices = new TreeSet<>();
        K8s.ofKind(objects, "HTTPRoute").forEach(r -> routedServices.addAll(r.at("/spec/rules").findValuesAsText("name")));
        K8s.ofKind(objects, "Ingress").forEach(i -> i.at("/spec/rules").findValues("service")
                .forEach(s -> routedServices.add(s.path("name").asText())));
        assertThat(routedServices).as("Services behind an HTTPRoute or Ingress").containsExactly("gateway");
        assertThat(K8s.ofKind(objects, "HTTPRoute").size() + K8s.ofKind(objects, "Ingress").size()).isEqualTo(1);

        for (ObjectNode svc : K8s.ofKind(objects, "Service")) {
            assertThat(svc.at("/spec/type").asText("ClusterIP")).as("type of Service %s", K8s.name(svc))
                    .isEqualTo("ClusterIP");
            assertThat(svc.at("/spec/externalIPs").isMissingNode()).isTrue();
        }
        for (ServiceModule service : ServiceModule.all()) {
            JsonNode ingress = policyOf(objects, service).at("/spec/ingress");
            boolean fromOutsideTheNamespace = !ingress.findValues("namespaceSelector").isEmpty()
                    || !ingress.findValues("ipBlock").isEmpty()
                    || streamOf(ingress).anyMatch(rule -> !rule.has("from"));
            assertThat(fromOutsideTheNamespace).as("%s admits traffic from outside the namespace", service.name())
                    .isEqualTo(service.name().equals("gateway"));
        }
        assertThat(K8s.get(objects, "Keycloak", "waybill-keycloak").at("/spec/ingress/enabled").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void noSecretValuesInProduction(Path variant) {
        if (!variant.toString().contains("prod")) {
            return;
        }
        assertThat(K8s.ofKind(Kustomize.render(variant), "Secret")).as("Secrets rendered by %s", variant).isEmpty();
    }

    private static ObjectNode policyOf(List<ObjectNode> objects, ServiceModule service) {
        return K8s.ofKind(objects, "NetworkPolicy").stream()
                .filter(p -> p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText().equals(service.name()))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy selects " + service.name()));
    }

    /** The container's environment: env entries and the keys of the ConfigMaps it loads whole. */
    private static Map<String, String> environment(List<ObjectNode> objects, ObjectNode deployment) {
        Map<String, String> env = new HashMap<>();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        for (JsonNode source : container.path("envFrom")) {
            assertThat(source.has("secretRef")).as("envFrom a whole Secret hides what is set").isFalse();
            ObjectNode configMap = K8s.get(objects, "ConfigMap", source.at("/configMapRef/name").asText());
            configMap.path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText("")));
        return env;
    }

    private static Integer namedPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
