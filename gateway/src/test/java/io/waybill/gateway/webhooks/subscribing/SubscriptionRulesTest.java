package io.waybill.gateway.webhooks.subscribing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionRulesTest {

    static List<String> violatedFields(String url, boolean allowInsecureLocalhost) {
        return SubscriptionRules.check(new SubscriptionRequest(url, List.of("io.waybill.shipment.status-changed.v1"),
                null), allowInsecureLocalhost).stream().map(SubscriptionRules.Violation::field).toList();
    }

    @Test
    void httpsAnywhereIsFine() {
        assertThat(violatedFields("https://erp.example.com/hooks?x=1", false)).isEmpty();
    }

    @Test
    void plainHttpOnlyOnLoopbackAndOnlyWhenAllowed() {
        assertThat(violatedFields("http://127.0.0.1:8080/x", false)).containsExactly("url");
        assertThat(violatedFields("http://127.0.0.1:8080/x", true)).isEmpty();
        assertThat(violatedFields("http://localhost/x", true)).isEmpty();
        assertThat(violatedFields("http://[::1]:9000/x", true)).isEmpty();
        assertThat(violatedFields("http://127.0.0.1.example.com/x", true)).containsExactly("url");
        assertThat(violatedFields("http://10.1.2.3/x", true)).containsExactly("url");
    }

    @Test
    void notAUsableUrl() {
        assertThat(violatedFields("", false)).containsExactly("url");
        assertThat(violatedFields("/relative", false)).containsExactly("url");
        assertThat(violatedFields("ftp://erp.example.com/x", false)).containsExactly("url");
        assertThat(violatedFields("https://erp.example.com/x y", false)).containsExactly("url");
        assertThat(violatedFields("https://erp.example.com/#frag", false)).containsExactly("url");
        assertThat(violatedFields("https://a:b@erp.example.com/", false)).containsExactly("url");
    }
}
