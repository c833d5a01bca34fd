package io.waybill.gateway.webhooks.subscribing;

import static org.assertj.core.api.Assertions.assertThat;

import io.waybill.gateway.webhooks.ReceiverPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionRulesTest {

    /** DNS for these tests: one name that resolves to the cloud metadata address, no other name resolves. */
    static final ReceiverPolicy.Resolver DNS = host -> {
        if (host.equals("metadata.attacker.example")) {
            return new InetAddress[] {InetAddress.getByName("169.254.169.254")};
        }
        throw new UnknownHostException(host);
    };

    static List<String> violatedFields(String url, boolean allowInsecureLocalhost) {
        return violations(url, allowInsecureLocalhost).stream().map(SubscriptionRules.Violation::field).toList();
    }

    static List<SubscriptionRules.Violation> violations(String url, boolean allowInsecureLocalhost) {
        return SubscriptionRules.check(new SubscriptionRequest(url, List.of("io.waybill.shipment.status-changed.v1"),
                null), new ReceiverPolicy(allowInsecureLocalhost, DNS));
    }

    @Test
    void httpsAnywhereIsFine() {
        assertThat(violatedFields("https://erp.example.com/hooks?x=1", false)).isEmpty();
    }

    @Test
    void plainHttpOnlyOnLoopbackAndOnlyWhenAllowed() {
        assertThat(violations("http://127.0.0.1:8080/x", false)).extracting(SubscriptionRules.Violation::message)
                .containsExactly("must use https", "must not point at a loopback address");
        assertThat(violatedFields("http://127.0.0.1:8080/x", true)).isEmpty();
        assertThat(violatedFields("http://localhost/x", true)).isEmpty();
        assertThat(violatedFields("http://[::1]:9000/x", true)).isEmpty();
        assertThat(violatedFields("http://127.0.0.1.example.com/x", true)).containsExactly("url");
        assertThat(violatedFields("http://10.1.2.3/x", true)).containsExactly("url", "url");
    }

    @Test
    void inwardAddressesAreRefusedWithTheReason() {
        assertThat(violations("https://169.254.169.254/latest/meta-data/", false)).extracting(SubscriptionRules.Violation::message)
                .containsExactly("must not point at a link-local address");
        assertThat(violations("https://metadata.attacker.example/x", false)).extracting(SubscriptionRules.Violation::message)
                .containsExactly("resolves to a link-local address");
        assertThat(violations("https://localhost/x", false)).extracting(SubscriptionRules.Violation::message)
                .containsExactly("must not point at a loopback address");
        // A name that does not resolve yet is accepted; each delivery resolves and checks it again.
        assertThat(violations("https://not-yet.example.org/x", false)).isEmpty();
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
