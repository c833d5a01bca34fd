package io.waybill.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The wire format details that consumers in other languages depend on. */
class ContractsJsonTest {

    @Test
    void mapperIsSharedNotRebuilt() {
        assertSame(ContractsJson.mapper(), ContractsJson.mapper());
    }

    @Test
    void datesAreIsoStringsWithTheirOffset() throws IOException {
        String json = ContractsJson.mapper().writeValueAsString(SampleEvents.full(PublicEventType.SHIPMENT_VALIDATED));
        assertTrue(json.contains("\"validatedAt\":\"2026-11-25T10:15:30-03:00\""), json);
        assertTrue(json.contains("\"issueDate\":\"2026-11-25\""), json);
    }

    @Test
    void moneyIsWrittenPlainly() throws IOException {
        String json = ContractsJson.mapper().writeValueAsString(new Money(new BigDecimal("1E+3"), "EUR"));
        assertEquals("{\"amount\":1000,\"currency\":\"EUR\"}", json);
        assertEquals("{\"amount\":49.90,\"currency\":\"BRL\"}",
                ContractsJson.mapper().writeValueAsString(new Money(new BigDecimal("49.90"), "BRL")));
    }

    @Test
    void enumsAreWrittenByName() throws IOException {
        JsonNode json = Schemas.toJson(SampleEvents.full(PublicEventType.STATUS_CHANGED));
        assertEquals("DELIVERED", json.get("status").asText());
        assertEquals("OUT_FOR_DELIVERY", json.get("previousStatus").asText());
    }

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void nullsAreOmittedNotWritten(PublicEventType type) {
        List<String> nulls = new ArrayList<>();
        collectNulls(Schemas.toJson(SampleEvents.minimal(type)), "", nulls);
        assertEquals(List.of(), nulls);
    }

    /** Additive changes within v1: an older consumer must read a newer producer's message. */
    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void unknownPropertiesAreIgnoredOnRead(PublicEventType type) throws IOException {
        PublicEvent event = SampleEvents.full(type);
        ObjectNode json = (ObjectNode) Schemas.toJson(event);
        json.put("carbonFootprintGrams", 120);
        json.putObject("futureNested").put("anything", true);
        assertEquals(event, ContractsJson.mapper().treeToValue(json, type.eventClass()));
    }

    @Test
    void listsReadFromJsonAreUnmodifiable() throws IOException {
        String json = ContractsJson.mapper().writeValueAsString(SampleEvents.full(PublicEventType.SHIPMENT_VALIDATED));
        ShipmentValidated read = ContractsJson.mapper().readValue(json, ShipmentValidated.class);
        assertThrows(UnsupportedOperationException.class, () -> read.parcels().clear());
        assertThrows(UnsupportedOperationException.class, () -> read.sender().lines().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> read.parcels().get(0).items().clear());
    }

    @Test
    void absentListReadsAsEmpty() throws IOException {
        Parcel parcel = ContractsJson.mapper().readValue(
                "{\"weightGrams\":500,\"dimensions\":{\"lengthMm\":10,\"widthMm\":10,\"heightMm\":10}}",
                Parcel.class);
        assertEquals(List.of(), parcel.items());
    }

    @Test
    void constructorCopiesListsSoLaterChangesDoNotLeakIn() {
        List<String> lines = new ArrayList<>(List.of("Calle 93 # 11-27"));
        Address address = new Address("Tienda Aurora", null, lines, "Bogotá", null, null, "CO", null, null);
        lines.add("changed later");
        assertEquals(List.of("Calle 93 # 11-27"), address.lines());
        assertFalse(address.lines() == lines);
    }

    private static void collectNulls(JsonNode node, String path, List<String> nulls) {
        if (node.isNull()) {
            nulls.add(path);
        } else if (node.isObject()) {
            node.properties().forEach(entry -> collectNulls(entry.getValue(), path + "/" + entry.getKey(), nulls));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectNulls(node.get(i), path + "/" + i, nulls);
            }
        }
    }
}
