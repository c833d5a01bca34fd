package io.waybill.returns.returning;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.contracts.ReturnItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What of a shipment can still be returned. No Quarkus. */
class ReturnableItemsTest {

    static final Map<String, Integer> SHIPPED = Map.of("SKU-A", 3, "SKU-B", 1);

    @Test
    void earlierReturnsClaimUnits() {
        var remaining = ReturnableItems.remaining(SHIPPED, List.of(List.of(new ReturnItem("SKU-A", 1)),
                List.of(new ReturnItem("SKU-B", 1), new ReturnItem("SKU-A", 1))));
        assertThat(remaining).containsExactlyEntriesOf(Map.of("SKU-A", 1));
    }

    @Test
    void eachViolationIsListed() {
        var remaining = ReturnableItems.remaining(SHIPPED, List.of(List.of(new ReturnItem("SKU-A", 2))));
        var violations = ReturnableItems.violations(List.of(new ReturnItem("SKU-A", 2), new ReturnItem("SKU-B", 2),
                new ReturnItem("SKU-X", 1)), SHIPPED, remaining);
        assertThat(violations).extracting(ItemViolation::field)
                .containsExactly("items[0].quantity", "items[1].quantity", "items[2].sku");
        assertThat(violations.get(0).message()).contains("3 shipped", "2 already returned", "1 returnable");
        assertThat(ReturnableItems.violations(List.of(new ReturnItem("SKU-A", 1), new ReturnItem("SKU-B", 1)), SHIPPED,
                remaining)).isEmpty();
    }

    @Test
    void repeatedSkusAreSummed() {
        assertThat(ReturnableItems.bySku(List.of(new ReturnItem("A", 1), new ReturnItem("B", 2), new ReturnItem("A", 2))))
                .containsExactly(Map.entry("A", 3), Map.entry("B", 2));
        assertThat(ReturnableItems.violations(List.of(new ReturnItem("SKU-B", 1), new ReturnItem("SKU-B", 1)), SHIPPED,
                SHIPPED)).extracting(ItemViolation::field).containsExactly("items[1].quantity");
    }
}
