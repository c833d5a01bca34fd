package io.waybill.returns;

import static io.restassured.RestAssured.given;
import static io.waybill.returns.ReturnFixtures.PATIENCE;
import static io.waybill.returns.ReturnFixtures.deliver;
import static io.waybill.returns.ReturnFixtures.returnLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.waybill.testing.ServiceTestResource;
import io.waybill.testing.TestKafka;
import io.waybill.testing.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** return_view is derived data: rebuilt from es_events it is the same, row for row, column for column. */
@QuarkusTest
@QuarkusTestResource(value = ServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "waybill_returns_test"))
class ReturnViewRebuildTest {

    static final String TENANT = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theRebuiltViewIsIdenticalToTheOneMaintainedByTheCommands() throws Exception {
        String token = TestTokens.erp(TENANT);
        String shipmentId = UUID.randomUUID().toString();
        String validated = UUID.randomUUID().toString();
        TestKafka.send(ReturnLifecycleTest.shipmentValidated(shipmentId, TENANT, "wh-rebuild",
                Map.of("SKU-A", 3, "SKU-B", 2), validated));
        await().atMost(PATIENCE).until(() -> ReturnFlowTest.processed(dataSource, validated));

        // A return in each shape: inspected and closed; labelled; registered only.
        String inspected = ReturnLifecycleTest.register(token, shipmentId, ReturnLifecycleTest.item("SKU-A", 1));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(ReturnLifecycleTest.inspection(
                        ReturnLifecycleTest.inspected("SKU-A", "RESTOCK", 1)))
                .post("/api/v1/returns/" + inspected + "/inspection").then().statusCode(200);
        Map<String, Object> body = new LinkedHashMap<>(ReturnLifecycleTest.request(shipmentId, "Broken",
                ReturnLifecycleTest.item("SKU-B", 2)));
        body.put("returnLabel", Map.of("carrier", "sandbox"));
        String labelled = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/returns")
                .then().statusCode(201).extract().path("id");
        deliver(dataSource, returnLabel(shipmentId, TENANT, "sandbox", "SBXR-" + labelled, labelled), "/label-service");
        ReturnLifecycleTest.register(token, shipmentId, ReturnLifecycleTest.item("SKU-A", 2));

        List<String> before = rows();
        assertThat(before).hasSize(3);
        // Damage the projection: the rebuild must restore it from the log.
        try (Connection c = dataSource.getConnection(); PreparedStatement damage = c.prepareStatement(
                "UPDATE return_view SET status = 'BROKEN', items = '[]' WHERE return_id = ?")) {
            damage.setString(1, inspected);
            damage.executeUpdate();
        }
        assertThat(rows()).isNotEqualTo(before);

        given().auth().oauth2(token).post("/api/v1/admin/projections/return-view/rebuild").then().statusCode(403);
        given().post("/api/v1/admin/projections/return-view/rebuild").then().statusCode(401);
        int rebuilt = given().auth().oauth2(TestTokens.admin()).post("/api/v1/admin/projections/return-view/rebuild")
                .then().statusCode(200).extract().path("rebuilt");
        assertThat(rebuilt).isGreaterThanOrEqualTo(3);
        assertThat(rows()).isEqualTo(before);
    }

    /** This tenant's rows, every column but updated_at (the time of the write itself). */
    List<String> rows() throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT (to_jsonb(v) - 'updated_at')::text FROM return_view v WHERE tenant_id = ? ORDER BY return_id")) {
            select.setString(1, TENANT);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
