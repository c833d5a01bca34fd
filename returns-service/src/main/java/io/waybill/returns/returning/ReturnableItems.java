package io.waybill.returns.returning;

import io.waybill.contracts.ReturnItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What of a shipment can still come back: what was shipped, per SKU, minus what its earlier returns
 * already claim. Pure; the shell reads shipped and claimed items under the shipment's lock.
 */
public final class ReturnableItems {

    private ReturnableItems() {
    }

    /** Units per SKU, in first-seen order; repeated SKUs are summed. */
    public static Map<String, Integer> bySku(Collection<ReturnItem> items) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (ReturnItem item : items) {
            units.merge(item.sku(), item.quantity(), Integer::sum);
        }
        return units;
    }

    public static List<ReturnItem> items(Map<String, Integer> bySku) {
        return bySku.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> new ReturnItem(e.getKey(), e.getValue())).toList();
    }

    /** Shipped minus claimed, per SKU; SKUs with nothing left are left out. */
    public static Map<String, Integer> remaining(Map<String, Integer> shipped, Collection<List<ReturnItem>> claimedByReturns) {
        Map<String, Integer> left = new LinkedHashMap<>(shipped);
        for (List<ReturnItem> claimed : claimedByReturns) {
            for (ReturnItem item : claimed) {
                left.computeIfPresent(item.sku(), (sku, units) -> units - item.quantity());
            }
        }
        left.values().removeIf(units -> units <= 0);
        return left;
    }

    /** Each requested SKU that was not shipped, or asks more units than are left, as a violation of {@code items[i]}. */
    public static List<ItemViolation> violations(List<ReturnItem> requested, Map<String, Integer> shipped,
            Map<String, Integer> remaining) {
        List<ItemViolation> violations = new ArrayList<>();
        Map<String, Integer> asked = new LinkedHashMap<>();
        for (int i = 0; i < requested.size(); i++) {
            ReturnItem item = requested.get(i);
            String field = "items[" + i + "].quantity";
            if (!shipped.containsKey(item.sku())) {
                violations.add(new ItemViolation("items[" + i + "].sku", "SKU " + item.sku() + " was not shipped"));
                continue;
            }
            int total = asked.merge(item.sku(), item.quantity(), Integer::sum);
            int left = remaining.getOrDefault(item.sku(), 0);
            if (total > left) {
                int claimed = shipped.get(item.sku()) - left;
                violations.add(new ItemViolation(field, "SKU " + item.sku() + ": " + total + " unit(s) asked, "
                        + shipped.get(item.sku()) + " shipped" + (claimed > 0 ? ", " + claimed + " already returned" : "")
                        + ", " + left + " returnable"));
            }
        }
        return violations;
    }
}
