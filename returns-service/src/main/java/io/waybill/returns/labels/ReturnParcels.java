package io.waybill.returns.labels;

import io.waybill.contracts.Dimensions;
import io.waybill.contracts.Item;
import io.waybill.contracts.Parcel;
import io.waybill.contracts.ReturnItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parcel a return label is bought for, made from the returned items and the outbound parcels that
 * carried them (pure). The customer packs the returned units in one parcel: its weight is the units'
 * share of the outbound parcels' weights (each parcel's weight spread evenly over its units, rounded
 * up, at least 1 g), its dimensions those of the largest outbound parcel that held any of them, and
 * its item lines keep the outbound descriptions, values and customs data. An estimate: carriers
 * re-weigh, and a merchant who knows better can book the label with the carrier itself.
 */
public final class ReturnParcels {

    private ReturnParcels() {
    }

    public static Parcel of(List<Parcel> shipped, List<ReturnItem> returned) {
        Map<String, Integer> left = new LinkedHashMap<>();
        for (ReturnItem item : returned) {
            left.merge(item.sku(), item.quantity(), Integer::sum);
        }
        double grams = 0;
        Dimensions largest = null;
        Map<String, Item> lines = new LinkedHashMap<>();
        for (Parcel parcel : shipped) {
            if (parcel == null || parcel.items() == null) {
                continue;
            }
            int unitsInParcel = parcel.items().stream().filter(i -> i != null && i.quantity() > 0)
                    .mapToInt(Item::quantity).sum();
            boolean used = false;
            for (Item item : parcel.items()) {
                if (item == null || item.sku() == null) {
                    continue;
                }
                String sku = item.sku().strip();
                int wanted = left.getOrDefault(sku, 0);
                int taken = Math.min(wanted, Math.max(item.quantity(), 0));
                if (taken == 0) {
                    continue;
                }
                used = true;
                left.put(sku, wanted - taken);
                grams += unitsInParcel == 0 ? 0 : (double) parcel.weightGrams() * taken / unitsInParcel;
                lines.merge(sku, new Item(sku, item.description(), taken, item.unitValue(), item.hsCode(),
                        item.originCountry()), (a, b) -> new Item(a.sku(), a.description(), a.quantity() + b.quantity(),
                        a.unitValue(), a.hsCode(), a.originCountry()));
            }
            if (used && parcel.dimensions() != null && (largest == null || volume(parcel.dimensions()) > volume(largest))) {
                largest = parcel.dimensions();
            }
        }
        return new Parcel((int) Math.max(1, Math.ceil(grams)), largest, new ArrayList<>(lines.values()));
    }

    private static long volume(Dimensions d) {
        return (long) d.lengthMm() * d.widthMm() * d.heightMm();
    }
}
