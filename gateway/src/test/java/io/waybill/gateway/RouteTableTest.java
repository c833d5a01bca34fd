package io.waybill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.gateway.routing.RouteTable;
import io.waybill.gateway.routing.Upstream;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void labelsGoToLabelServiceEverythingElseAboutShipmentsToOrderService() {
        assertThat(RouteTable.ownerOf("/api/v1/shipments/abc/label")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/shipments/abc/label/pdf")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/shipments/abc")).contains(Upstream.ORDER_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/shipments/abc/cancel")).contains(Upstream.ORDER_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/shipments")).contains(Upstream.ORDER_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/shipments/label")).contains(Upstream.ORDER_SERVICE);
    }

    @Test
    void everyPublicPrefixHasItsOwner() {
        assertThat(RouteTable.ownerOf("/api/v1/quotes")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/pickups/p1")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/carrier-accounts/ca-1")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/returns/r-1/label")).contains(Upstream.LABEL_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/returns/r-1/inspection")).contains(Upstream.RETURNS_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/fulfillment-orders/s-1")).contains(Upstream.FULFILLMENT_SERVICE);
        assertThat(RouteTable.ownerOf("/webhooks/returns/koiki")).contains(Upstream.RETURNS_SERVICE);
        assertThat(RouteTable.ownerOf("/webhooks/fulfillment/ongoing/acme")).contains(Upstream.FULFILLMENT_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/admin/projections/return-view/rebuild")).contains(Upstream.RETURNS_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/admin/webhooks/w-1/replay")).contains(Upstream.TRACKING_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/admin/trackings/renormalize")).contains(Upstream.TRACKING_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/trackings/WB1")).contains(Upstream.TRACKING_SERVICE);
        assertThat(RouteTable.ownerOf("/webhooks/dhl")).contains(Upstream.TRACKING_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/returns")).contains(Upstream.RETURNS_SERVICE);
        assertThat(RouteTable.ownerOf("/api/v1/admin/projections/shipment-view/rebuild"))
                .contains(Upstream.ORDER_SERVICE);
    }

    @Test
    void lookalikesAndOtherPathsHaveNoOwner() {
        assertThat(RouteTable.ownerOf("/api/v1/shipmentsx")).isEmpty();
        assertThat(RouteTable.ownerOf("/api/v2/shipments")).isEmpty();
        assertThat(RouteTable.ownerOf("/webhooks")).isEmpty();
        assertThat(RouteTable.ownerOf("/q/health")).isEmpty();
    }
}
