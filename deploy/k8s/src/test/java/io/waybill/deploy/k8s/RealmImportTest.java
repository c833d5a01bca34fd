package io.waybill.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The operator's realm import is the local stack's realm (deploy/local/keycloak/waybill-realm.json)
 * with every client secret replaced by a placeholder filled from a Secret. Run with
 * {@code -Dwaybill.k8s.regenerate=true} to rewrite it after changing the realm.
 */
class RealmImportTest {

    private static final Path REALM = Project.ROOT.resolve("deploy/local/keycloak/waybill-realm.json");
    private static final Path IMPORT = Project.BASE.resolve("keycloak/realm-import.yaml");
    static final String CLIENT_SECRETS = "keycloak-client-secrets";

    private static final String HEADER = """
            # GENERATED from deploy/local/keycloak/waybill-realm.json by RealmImportTest: do not edit by hand.
            # Regenerate: ./mvnw -pl deploy/k8s verify -Dwaybill.k8s.regenerate=true
            # Client secrets are placeholders the operator fills from the Secret keycloak-client-secrets (one key per
            # client id), which is not in this repository (docs/deploy.md, "Secrets").
            """;

    @Test
    void theRealmImportIsTheLocalRealmWithPlaceholdersForSecrets() throws IOException {
        ObjectNode expected = generate();
        if (Boolean.getBoolean("waybill.k8s.regenerate")) {
            Files.writeString(IMPORT, HEADER + Kustomize.YAML.writeValueAsString(expected).replaceFirst("^---\\n", ""));
        }
        JsonNode committed = Kustomize.YAML.readTree(IMPORT.toFile());
        assertThat(committed).as("%s is stale: regenerate it (see its header)", IMPORT).isEqualTo(expected);
    }

    @Test
    void noClientSecretIsCommitted() throws IOException {
        JsonNode committed = Kustomize.YAML.readTree(IMPORT.toFile());
        for (JsonNode client : committed.at("/spec/realm/clients")) {
            if (client.has("secret")) {
                String placeholder = client.path("secret").asText();
                assertThat(placeholder).matches("\\$\\{[A-Z0-9_]+}");
                String name = placeholder.substring(2, placeholder.length() - 1);
                assertThat(committed.at("/spec/placeholders/" + name + "/secret/name").asText()).isEqualTo(CLIENT_SECRETS);
            }
        }
    }

    static ObjectNode generate() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(REALM.toFile());
        ObjectNode document = json.createObjectNode();
        document.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        document.put("kind", "KeycloakRealmImport");
        document.putObject("metadata").put("name", "waybill-realm");
        ObjectNode spec = document.putObject("spec");
        spec.put("keycloakCRName", "waybill-keycloak");
        ObjectNode placeholders = spec.putObject("placeholders");
        for (JsonNode client : realm.path("clients")) {
            if (client.has("secret")) {
                String clientId = client.path("clientId").asText();
                String placeholder = clientId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_CLIENT_SECRET";
                ((ObjectNode) client).put("secret", "${" + placeholder + "}");
                ObjectNode secret = placeholders.putObject(placeholder).putObject("secret");
                secret.put("name", CLIENT_SECRETS);
                secret.put("key", clientId);
            }
        }
        spec.set("realm", realm);
        return document;
    }
}
