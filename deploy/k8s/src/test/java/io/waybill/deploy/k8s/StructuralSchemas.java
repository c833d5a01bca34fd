package io.waybill.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a Kubernetes structural schema (a CRD's openAPIV3Schema, or one generated from the Kubernetes
 * model classes) into a JSON Schema with the meaning {@code kubectl apply --validate=strict} gives it:
 * an object that lists its properties admits no others, unless it is marked
 * {@code x-kubernetes-preserve-unknown-fields}; int-or-string accepts either. The API server would
 * silently drop an unknown field; here it is an error, because it is nearly always a typo.
 * CEL rules ({@code x-kubernetes-validations}) cannot be checked without a server and are dropped.
 */
final class StructuralSchemas {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StructuralSchemas() {
    }

    static ObjectNode toJsonSchema(JsonNode structural) {
        ObjectNode copy = structural.deepCopy();
        close(copy);
        return copy;
    }

    private static void close(ObjectNode schema) {
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.remove("type");
            if (!schema.has("anyOf")) {
                ArrayNode anyOf = schema.putArray("anyOf");
                anyOf.addObject().put("type", "integer");
                anyOf.addObject().put("type", "string");
            }
        }
        if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
            String type = schema.path("type").asText();
            schema.putArray("type").add(type).add("null");
        }
        List<String> annotations = new ArrayList<>();
        schema.fieldNames().forEachRemaining(field -> {
            if (field.startsWith("x-kubernetes-") || field.equals("description") || field.equals("format")
                    || field.equals("nullable") || field.equals("default") || field.equals("example")) {
                annotations.add(field);
            }
        });
        schema.remove(annotations);
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserveUnknown) {
            schema.put("additionalProperties", false);
        }
        if (schema.get("properties") instanceof ObjectNode properties) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                closeSchema(property.getValue());
            }
        }
        closeSchema(schema.get("items"));
        closeSchema(schema.get("additionalProperties"));
        closeSchema(schema.get("not"));
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            if (schema.get(combinator) instanceof ArrayNode alternatives) {
                alternatives.forEach(StructuralSchemas::closeSchema);
            }
        }
    }

    private static void closeSchema(JsonNode node) {
        if (node instanceof ObjectNode schema) {
            close(schema);
        }
    }

    /** The schema of an object's root with {@code metadata} replaced by the real ObjectMeta schema. */
    static ObjectNode withMetadata(ObjectNode root, JsonNode objectMeta) {
        root.withObjectProperty("properties").set("metadata", objectMeta.deepCopy());
        return root;
    }

    /** Adds names to the schema's {@code required} list, keeping those already there. */
    static ObjectNode require(ObjectNode schema, String... names) {
        ArrayNode required = schema.withArrayProperty("required");
        for (String name : names) {
            boolean present = false;
            for (JsonNode existing : required) {
                present |= existing.asText().equals(name);
            }
            if (!present) {
                required.add(name);
            }
        }
        return schema;
    }

    static ObjectNode enumOf(String value) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "string");
        node.putArray("enum").add(value);
        return node;
    }
}
