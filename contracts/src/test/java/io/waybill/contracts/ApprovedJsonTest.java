package io.waybill.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Snapshot ("approved") test of each event's JSON. A renamed, removed or retyped field changes
 * the snapshot, so a breaking change to the public contract cannot slip in unnoticed.
 *
 * <p>The approved files are reviewed by hand and committed. After an intended, additive change,
 * re-approve with {@code ./mvnw -pl contracts verify -Dwaybill.approve=true} and review the diff;
 * a breaking change belongs in a new {@code .v2} event instead.
 */
class ApprovedJsonTest {

    private static final Path APPROVED_DIR = Path.of("src", "test", "resources", "approved");
    private static final Path RECEIVED_DIR = Path.of("target", "approved-received");

    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void jsonMatchesTheApprovedSnapshot(PublicEventType type) throws IOException {
        JsonNode received = Schemas.toJson(SampleEvents.full(type));
        String fileName = type.schemaName() + ".json";
        String receivedText = received.toPrettyString() + "\n";

        if (Boolean.getBoolean("waybill.approve")) {
            Files.createDirectories(APPROVED_DIR);
            Files.writeString(APPROVED_DIR.resolve(fileName), receivedText, StandardCharsets.UTF_8);
            return;
        }

        JsonNode approved = readApproved(fileName);
        if (!approved.equals(received)) {
            Files.createDirectories(RECEIVED_DIR);
            Path receivedFile = RECEIVED_DIR.resolve(fileName);
            Files.writeString(receivedFile, receivedText, StandardCharsets.UTF_8);
            assertEquals(approved.toPrettyString(), received.toPrettyString(),
                    type + " JSON differs from approved/" + fileName + " (received copy: " + receivedFile
                            + "). Breaking change? Publish a .v2 type. Additive? Re-approve with"
                            + " -Dwaybill.approve=true and review the diff.");
        }
    }

    /** The approved files double as examples for consumers, so they must be valid too. */
    @ParameterizedTest
    @EnumSource(PublicEventType.class)
    void approvedSnapshotIsValidAgainstTheSchema(PublicEventType type) throws IOException {
        JsonNode approved = readApproved(type.schemaName() + ".json");
        Set<ValidationMessage> messages = Schemas.validate(type, approved);
        assertTrue(messages.isEmpty(), () -> "approved " + type + " is invalid: " + messages);
    }

    private static JsonNode readApproved(String fileName) throws IOException {
        try (InputStream in = ApprovedJsonTest.class.getClassLoader().getResourceAsStream("approved/" + fileName)) {
            if (in == null) {
                fail("No approved snapshot approved/" + fileName
                        + "; generate it once with -Dwaybill.approve=true, review it and commit it.");
            }
            return ContractsJson.mapper().readTree(in);
        }
    }
}
