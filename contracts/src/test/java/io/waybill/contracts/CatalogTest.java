package io.waybill.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalog, the topic and type constants, the schema files and asyncapi.yaml agree. */
class CatalogTest {

    private static final String ASYNCAPI = "asyncapi.yaml";

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void schemaResourceExists(PublicEventType type) {
        assertNotNull(getClass().getClassLoader().getResource(type.schemaResource()), type.schemaResource());
        assertTrue(type.schemaResource().matches("schemas/[a-z-]+\\.v1\\.json"), type.schemaResource());
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void schemaIsAValidDraft202012SchemaNamedAfterItsEvent(PublicEventType type) {
        JsonNode schema = Schemas.document(type);
        Set<ValidationMessage> messages = Schemas.metaSchema().validate(schema);
        assertTrue(messages.isEmpty(), () -> type.schemaResource() + ": " + messages);
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertEquals(Schemas.idOf(type), schema.path("$id").asText());
        assertEquals(type.eventClass().getSimpleName(), schema.path("title").asText());
        assertFalse(schema.path("additionalProperties").asBoolean(true), "event object must be closed");
    }

    @Test
    void noSchemaFileOutsideTheCatalog() throws IOException, URISyntaxException {
        URL folder = getClass().getClassLoader().getResource("schemas");
        assertNotNull(folder);
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(folder.toURI()))) {
            files = list.map(path -> "schemas/" + path.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> catalogued = Arrays.stream(PublicEventType.values())
                .map(PublicEventType::schemaResource)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogued, files);
    }

    @Test
    void topicsTypesAndSchemasAreUnique() {
        List<PublicEventType> types = List.of(PublicEventType.values());
        assertUnique(types.stream().map(PublicEventType::topic).toList());
        assertUnique(types.stream().map(PublicEventType::cloudEventType).toList());
        assertUnique(types.stream().map(PublicEventType::schemaResource).toList());
        assertUnique(types.stream().map(PublicEventType::eventClass).toList());
    }

    @Test
    void everyPermittedEventIsCatalogued() {
        Set<Class<?>> permitted = Set.of(PublicEvent.class.getPermittedSubclasses());
        Set<Class<?>> catalogued = Arrays.stream(PublicEventType.values())
                .map(PublicEventType::eventClass)
                .collect(Collectors.toSet());
        assertEquals(permitted, catalogued);
    }

    @Test
    void publicTopicsAreTheCataloguedTopics() {
        assertEquals(Arrays.stream(PublicEventType.values()).map(PublicEventType::topic).toList(), Topics.PUBLIC);
        Topics.PUBLIC.forEach(topic -> assertTrue(topic.matches("waybill\\.[a-z-]+"), topic));
    }

    @Test
    void deadLetterTopicAppendsDlq() {
        assertEquals("waybill.status-changed.dlq", Topics.deadLetter(Topics.STATUS_CHANGED));
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void cloudEventTypeFollowsTheNamingRule(PublicEventType type) {
        assertTrue(type.cloudEventType().matches("io\\.waybill\\.[a-z-]+\\.[a-z-]+\\.v1"), type.cloudEventType());
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void lookupsFindTheType(PublicEventType type) {
        assertSame(type, PublicEventType.of(SampleEvents.full(type)));
        assertSame(type, PublicEventType.byCloudEventType(type.cloudEventType()).orElseThrow());
    }

    @Test
    void unknownCloudEventTypeIsEmpty() {
        assertTrue(PublicEventType.byCloudEventType("io.waybill.shipment.validated.v2").isEmpty());
        assertTrue(PublicEventType.byCloudEventType(null).isEmpty());
    }

    @Test
    void tenantTravelsAsTheTenantExtension() {
        assertEquals("tenant", EventTypes.TENANT_EXTENSION);
    }

    @Test
    void onlyDeliveredReturnedAndCancelledAreFinal() {
        Set<TrackingStatus> finals = EnumSet.noneOf(TrackingStatus.class);
        for (TrackingStatus status : TrackingStatus.values()) {
            if (status.isFinal()) {
                finals.add(status);
            }
        }
        assertEquals(EnumSet.of(TrackingStatus.DELIVERED, TrackingStatus.RETURNED, TrackingStatus.CANCELLED), finals);
        assertFalse(TrackingStatus.UNMAPPED.isFinal());
        assertFalse(TrackingStatus.EXPIRED.isFinal(), "a return may follow an expired hold");
    }

    @Test
    void statusEnumInTheSchemaIsTheJavaEnum() {
        JsonNode values = Schemas.document(PublicEventType.STATUS_CHANGED).at("/$defs/trackingStatus/enum");
        List<String> inSchema = new ArrayList<>();
        values.forEach(value -> inSchema.add(value.asText()));
        assertEquals(Arrays.stream(TrackingStatus.values()).map(Enum::name).toList(), inSchema);
    }

    // ---- asyncapi.yaml ----

    @Test
    void asyncApiMentionsEveryTopicTypeAndSchema() throws IOException {
        String text = resourceText(ASYNCAPI);
        for (PublicEventType type : PublicEventType.values()) {
            assertTrue(text.contains("address: " + type.topic() + "\n"), type.topic());
            assertTrue(text.contains("address: " + Topics.deadLetter(type.topic()) + "\n"),
                    Topics.deadLetter(type.topic()));
            assertTrue(text.contains("$ref: './" + type.schemaResource() + "'"), type.schemaResource());
            assertTrue(text.contains("ce_type: " + type.cloudEventType() + "\n"), type.cloudEventType());
        }
    }

    @Test
    void asyncApiIsVersion3WithAReceiveOperationPerPublicChannel() throws IOException {
        JsonNode doc = asyncApi();
        assertEquals("3.0.0", doc.path("asyncapi").asText());
        assertEquals("Waybill events", doc.at("/info/title").asText());
        assertEquals("kafka", doc.at("/servers/local/protocol").asText());
        assertEquals("127.0.0.1:9092", doc.at("/servers/local/host").asText());

        Set<String> addresses = new TreeSet<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        Set<String> expected = new TreeSet<>(Topics.PUBLIC);
        Topics.PUBLIC.forEach(topic -> expected.add(Topics.deadLetter(topic)));
        assertEquals(expected, addresses);

        Set<String> received = new TreeSet<>();
        doc.get("operations").forEach(operation -> {
            assertEquals("receive", operation.path("action").asText());
            JsonNode channel = resolve(doc, operation.at("/channel/$ref").asText());
            received.add(channel.path("address").asText());
        });
        assertEquals(new TreeSet<>(Topics.PUBLIC), received);
    }

    @Test
    void asyncApiMessagesUseJsonAndTheCloudEventsTrait() throws IOException {
        JsonNode doc = asyncApi();
        JsonNode messages = doc.at("/components/messages");
        assertEquals(PublicEventType.values().length, messages.size());
        messages.forEach(message -> {
            assertEquals("application/json", message.path("contentType").asText());
            assertEquals("#/components/messageTraits/cloudEventsKafkaBinary",
                    message.at("/traits/0/$ref").asText());
        });
        JsonNode trait = doc.at("/components/messageTraits/cloudEventsKafkaBinary");
        Set<String> headers = new TreeSet<>();
        trait.at("/headers/properties").fieldNames().forEachRemaining(headers::add);
        assertEquals(new TreeSet<>(List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject",
                "ce_time", "ce_tenant", "content-type")), headers);
        assertEquals("string", trait.at("/bindings/kafka/key/type").asText());
    }

    /** A dangling $ref would only show up in a consumer's code generator; catch it here. */
    @Test
    void everyAsyncApiReferenceResolves() throws IOException {
        JsonNode doc = asyncApi();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertFalse(refs.isEmpty());
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertFalse(resolve(doc, ref).isMissingNode(), "dangling " + ref);
            } else {
                assertTrue(ref.startsWith("./"), "relative file reference expected: " + ref);
                assertNotNull(getClass().getClassLoader().getResource(ref.substring(2)), "missing file " + ref);
            }
        }
    }

    // ---- helpers ----

    private static void assertUnique(List<?> values) {
        assertEquals(values.size(), new HashSet<>(values).size(), "duplicates in " + values);
    }

    private static JsonNode asyncApi() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(resourceText(ASYNCAPI));
    }

    private static JsonNode resolve(JsonNode doc, String ref) {
        return doc.at(JsonPointer.compile(ref.substring(1)));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static String resourceText(String resource) throws IOException {
        try (InputStream in = CatalogTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
