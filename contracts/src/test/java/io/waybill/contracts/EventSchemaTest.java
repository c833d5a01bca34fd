package io.waybill.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public event, as serialized by {@link ContractsJson}, satisfies its published schema; the
 * schemas reject typical producer mistakes; and the JSON reads back into an equal record.
 */
class EventSchemaTest {

    // ---- positive: what we publish is what we promise ----

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void fullyPopulatedEventMatchesItsSchema(PublicEventType type) {
        assertValid(type, Schemas.toJson(SampleEvents.full(type)));
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void eventWithNullableFieldsNullMatchesItsSchema(PublicEventType type) {
        assertValid(type, Schemas.toJson(SampleEvents.minimal(type)));
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void samplesAreOfTheCataloguedRecord(PublicEventType type) {
        assertEquals(type.eventClass(), SampleEvents.full(type).getClass());
        assertEquals(type.eventClass(), SampleEvents.minimal(type).getClass());
    }

    // ---- the schema and the record describe the same fields ----

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void schemaPropertiesAreTheRecordComponents(PublicEventType type) {
        JsonNode schema = Schemas.document(type);
        assertEquals(componentNames(type.eventClass()), fieldNames(schema.get("properties")),
                type + ": schema properties and record components differ");
    }

    /** Nested shapes too: a field added to Address must be added to every schema using it. */
    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void schemaDefinitionsMatchTheValueRecords(PublicEventType type) {
        Map<String, Class<? extends Record>> records = Map.of(
                "money", Money.class,
                "address", Address.class,
                "dimensions", Dimensions.class,
                "item", Item.class,
                "parcel", Parcel.class,
                "fiscalDocument", FiscalDocument.class,
                "parcelLabel", ParcelLabel.class,
                "returnItem", ReturnItem.class,
                "fulfillment", Fulfillment.class,
                "stockLevel", StockLevel.class);
        JsonNode defs = Schemas.document(type).path("$defs");
        records.forEach((def, recordClass) -> {
            if (defs.has(def)) {
                assertEquals(componentNames(recordClass), fieldNames(defs.get(def).get("properties")),
                        type + ": $defs/" + def + " and " + recordClass.getSimpleName() + " differ");
            }
        });
    }

    /** Required = not nullable: the sample with every nullable field null carries exactly those. */
    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void requiredFieldsAreExactlyTheNonNullableOnes(PublicEventType type) {
        Set<String> required = new TreeSet<>();
        Schemas.document(type).get("required").forEach(n -> required.add(n.asText()));
        // Required unless another field is present (if/then): the minimal sample leaves that field out.
        JsonNode then = Schemas.document(type).path("then").path("required");
        then.forEach(n -> required.add(n.asText()));
        assertEquals(fieldNames(Schemas.toJson(SampleEvents.minimal(type))), required);
        assertEquals(componentNames(type.eventClass()), fieldNames(Schemas.toJson(SampleEvents.full(type))),
                type + ": the full sample must set every field");
    }

    @org.junit.jupiter.api.Test
    void aSelectionRuleStandsInForTheCarrierAndServiceButOneOfThemIsRequired() {
        ObjectNode json = (ObjectNode) Schemas.toJson(SampleEvents.minimal(PublicEventType.SHIPMENT_VALIDATED));
        json.remove("carrier");
        json.remove("service");
        assertRejected(PublicEventType.SHIPMENT_VALIDATED, json, "required", "without carrier, service or selectionRule");
        json.put("selectionRule", "CHEAPEST");
        assertEquals(Set.of(), Schemas.validate(PublicEventType.SHIPMENT_VALIDATED, json),
                "a selection rule without carrier and service is valid");
    }

    // ---- negative: the schemas can fail ----

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void missingRequiredFieldIsRejected(PublicEventType type) {
        for (JsonNode field : Schemas.document(type).get("required")) {
            ObjectNode json = (ObjectNode) Schemas.toJson(SampleEvents.full(type));
            json.remove(field.asText());
            assertRejected(type, json, "required", "without " + field.asText());
        }
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void unknownPropertyIsRejectedForProducers(PublicEventType type) {
        ObjectNode json = (ObjectNode) Schemas.toJson(SampleEvents.full(type));
        json.put("shipmentRef", "typo of shipmentId");
        assertRejected(type, json, "additionalProperties", "with an unknown property");
    }

    /** The mapper omits nulls; a producer writing explicit nulls is making a mistake. */
    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void explicitNullIsRejected(PublicEventType type) {
        for (String field : componentNames(type.eventClass())) {
            ObjectNode json = (ObjectNode) Schemas.toJson(SampleEvents.full(type));
            json.set(field, NullNode.getInstance());
            assertRejected(type, json, "type", "with " + field + " null");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mistakes")
    void typicalMistakeIsRejected(PublicEventType type, String pointer, String valueJson, String keyword)
            throws IOException {
        JsonNode json = Schemas.toJson(SampleEvents.full(type));
        JsonNode value = valueJson == null ? null : ContractsJson.mapper().readTree(valueJson);
        mutate(json, pointer, value);
        assertRejected(type, json, keyword, pointer + " = " + valueJson);
    }

    /** (event, JSON pointer, new value as JSON or null to remove, expected failing keyword). */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/recipient/country", "\"br\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/sender/country", "\"BRA\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/weightGrams", "0", "minimum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/1/weightGrams", "1.5", "type"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/dimensions/heightMm", "0", "minimum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/items/0/quantity", "0", "minimum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/items/0/unitValue/currency", "\"brl\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/items/0/unitValue/amount", "\"49.90\"", "type"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels/0/items/0/originCountry", "\"br\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/parcels", "[]", "minItems"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/sender/street", "\"Rua Augusta\"", "additionalProperties"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/recipient/email", "\"not-an-email\"", "format"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/selectionRule", "\"RANDOM\"", "enum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/labelFormat", "\"PNG\"", "enum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fiscalDocument/accessKey", "\"3526111234567800019555001000001234100001234\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fiscalDocument/accessKey", null, "required"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fiscalDocument/issueDate", "\"25/11/2026\"", "format"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/validatedAt", "\"2026-11-25T10:15:30\"", "format"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/formats", "[\"PNG\"]", "enum"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/formats", "[\"PDF\", \"PDF\"]", "uniqueItems"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/formats", "[]", "minItems"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/parcels/0/parcelNumber", "0", "minimum"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/parcels", "[]", "minItems"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/fiscalDocument/accessKey", "\"ABC\"", "pattern"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/generatedAt", "1764076542", "type"),
                Arguments.of(PublicEventType.LABEL_FAILED, "/retryable", "\"yes\"", "type"),
                Arguments.of(PublicEventType.LABEL_FAILED, "/reason", "\"\"", "minLength"),
                Arguments.of(PublicEventType.LABEL_FAILED, "/failedAt", "\"yesterday\"", "format"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/status", "\"LOST\"", "enum"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/status", "\"delivered\"", "enum"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/previousStatus", "\"UNKNOWN\"", "enum"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/source", "\"EMAIL\"", "enum"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/occurredAt", "\"2026-11-25 10:15:30\"", "format"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/carrierCode", "\"\"", "minLength"),
                Arguments.of(PublicEventType.RETURN_REGISTERED, "/items/0/quantity", "0", "minimum"),
                Arguments.of(PublicEventType.RETURN_REGISTERED, "/items", "[]", "minItems"),
                Arguments.of(PublicEventType.RETURN_REGISTERED, "/items/0/sku", null, "required"),
                Arguments.of(PublicEventType.RETURN_REGISTERED, "/source", "\"EMAIL\"", "enum"),
                Arguments.of(PublicEventType.STOCK_ADJUSTED, "/quantityDelta", "0", "not"),
                Arguments.of(PublicEventType.STOCK_ADJUSTED, "/quantityDelta", "1.5", "type"),
                Arguments.of(PublicEventType.STOCK_ADJUSTED, "/adjustedAt", "\"2026-12-04\"", "format"),
                Arguments.of(PublicEventType.STOCK_ADJUSTED, "/tenantId", "\"\"", "minLength"),
                Arguments.of(PublicEventType.SHIPMENT_CANCELLED, "/cancelledAt", "\"2026-11-25T11:02:17\"", "format"),
                Arguments.of(PublicEventType.SHIPMENT_CANCELLED, "/reason", "\"\"", "minLength"),
                Arguments.of(PublicEventType.SHIPMENT_CANCELLED, "/orderReference", "42", "type"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/cost/currency", "\"brl\"", "pattern"),
                Arguments.of(PublicEventType.LABEL_GENERATED, "/cost/amount", "-1", "minimum"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/estimatedDelivery", "\"tomorrow\"", "format"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/subStatus", "\"RecipientAbsent\"", "pattern"),
                Arguments.of(PublicEventType.STATUS_CHANGED, "/subStatus", "\"delivery_failed\"", "pattern"),
                Arguments.of(PublicEventType.RETURN_LABEL_REQUESTED, "/returnId", null, "required"),
                Arguments.of(PublicEventType.RETURN_LABEL_REQUESTED, "/sender/country", "\"col\"", "pattern"),
                Arguments.of(PublicEventType.RETURN_LABEL_REQUESTED, "/parcels", "[]", "minItems"),
                Arguments.of(PublicEventType.RETURN_LABEL_REQUESTED, "/labelFormat", "\"PNG\"", "enum"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fulfillment/partner", null, "required"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fulfillment/partner", "\"Ongoing WMS\"", "pattern"),
                Arguments.of(PublicEventType.SHIPMENT_VALIDATED, "/fulfillment/carrier", "\"dhl\"", "additionalProperties"),
                Arguments.of(PublicEventType.STOCK_LEVEL_REPORTED, "/levels", "[]", "minItems"),
                Arguments.of(PublicEventType.STOCK_LEVEL_REPORTED, "/levels/0/onHand", "-1", "minimum"),
                Arguments.of(PublicEventType.STOCK_LEVEL_REPORTED, "/levels/0/available", "1.5", "type"),
                Arguments.of(PublicEventType.STOCK_LEVEL_REPORTED, "/levels/0/sku", null, "required"),
                Arguments.of(PublicEventType.STOCK_LEVEL_REPORTED, "/reportedAt", "\"2026-12-04\"", "format"));
    }

    @Test
    void everyEventTypeHasATypicalMistakeCase() {
        Set<PublicEventType> covered = mistakes()
                .map(arguments -> (PublicEventType) arguments.get()[0])
                .collect(Collectors.toSet());
        assertEquals(Set.of(PublicEventType.values()), covered);
    }

    @Test
    void nonNfeFiscalDocumentNeedsNoAccessKey() {
        ObjectNode json = (ObjectNode) Schemas.toJson(SampleEvents.full(PublicEventType.SHIPMENT_VALIDATED));
        ObjectNode fiscal = (ObjectNode) json.get("fiscalDocument");
        fiscal.put("type", "CFDI");
        fiscal.remove("accessKey");
        assertValid(PublicEventType.SHIPMENT_VALIDATED, json);
    }

    // ---- round trip: consumers read back exactly what was produced ----

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void fullyPopulatedEventRoundTrips(PublicEventType type) throws IOException {
        assertRoundTrip(type, SampleEvents.full(type));
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void eventWithNullableFieldsNullRoundTrips(PublicEventType type) throws IOException {
        assertRoundTrip(type, SampleEvents.minimal(type));
    }

    @Test
    void carrierOffsetSurvivesTheRoundTrip() throws IOException {
        StatusChanged event = (StatusChanged) SampleEvents.full(PublicEventType.STATUS_CHANGED);
        String json = ContractsJson.mapper().writeValueAsString(event);
        assertTrue(json.contains("\"occurredAt\":\"2026-11-25T10:15:30-05:00\""), json);

        StatusChanged read = ContractsJson.mapper().readValue(json, StatusChanged.class);
        assertEquals(ZoneOffset.ofHours(-5), read.occurredAt().getOffset());
        assertEquals("2026-11-25T10:15:30-05:00", read.occurredAt().toString());
        assertEquals(ZoneOffset.UTC, read.recordedAt().getOffset());
    }

    // ---- helpers ----

    private static void assertRoundTrip(PublicEventType type, PublicEvent event) throws IOException {
        String json = ContractsJson.mapper().writeValueAsString(event);
        PublicEvent read = ContractsJson.mapper().readValue(json, type.eventClass());
        assertEquals(event, read, type + " did not survive " + json);
    }

    private static void assertValid(PublicEventType type, JsonNode json) {
        Set<ValidationMessage> messages = Schemas.validate(type, json);
        assertTrue(messages.isEmpty(), () -> type + " is invalid: " + messages + "\n" + json.toPrettyString());
    }

    private static void assertRejected(PublicEventType type, JsonNode json, String keyword, String what) {
        Set<ValidationMessage> messages = Schemas.validate(type, json);
        assertFalse(messages.isEmpty(), () -> type + " " + what + " was accepted:\n" + json.toPrettyString());
        // The right rule must fire, not some unrelated one that would hide a missing constraint.
        assertTrue(messages.stream().anyMatch(m -> keyword.equals(m.getType())),
                () -> type + " " + what + ": expected a '" + keyword + "' failure, got " + describe(messages));
    }

    private static String describe(Set<ValidationMessage> messages) {
        return messages.stream()
                .map(m -> m.getType() + " " + m.getMessage())
                .collect(Collectors.joining("; ", "[", "]"));
    }

    /** Sets (or with a null value removes) the node at a JSON pointer. */
    private static void mutate(JsonNode root, String pointer, JsonNode value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = path.last().getMatchingIndex();
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        } else {
            throw new IllegalArgumentException("No container at " + pointer + " in " + root);
        }
    }

    private static Set<String> componentNames(Class<?> recordClass) {
        return Arrays.stream(recordClass.getRecordComponents())
                .map(component -> component.getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
