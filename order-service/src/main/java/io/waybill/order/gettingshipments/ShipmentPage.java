package io.waybill.order.gettingshipments;

import java.util.List;

/** One page of the list; {@code nextCursor} is absent on the last page. */
public record ShipmentPage(List<ShipmentView> items, String nextCursor) {
}
