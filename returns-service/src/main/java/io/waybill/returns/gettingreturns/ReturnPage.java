package io.waybill.returns.gettingreturns;

import java.util.List;

/** One page of the list; {@code nextCursor} is absent on the last page. */
public record ReturnPage(List<ReturnView> items, String nextCursor) {
}
