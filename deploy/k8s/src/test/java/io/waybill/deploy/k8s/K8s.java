package io.waybill.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/** Reading rendered objects. */
final class K8s {

    private K8s() {
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String apiVersion(JsonNode object) {
        return object.path("apiVersion").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** {@code apiVersion/kind}, e.g. {@code apps/v1/Deployment}: the key schemas are looked up by. */
    static String type(JsonNode object) {
        return apiVersion(object) + "/" + kind(object);
    }

    static String describe(JsonNode object) {
        return kind(object) + " " + name(object);
    }

    static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind(o).equals(kind)).toList();
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind(o).equals(kind) && name(o).equals(name)).findFirst();
    }

    static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return find(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }
}
