package io.waybill.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SSRF guard of partner webhooks: URLs at subscribe time, resolved addresses at delivery time. */
class ReceiverPolicyTest {

    /** DNS as the tests need it: these names resolve to these addresses, others do not resolve. */
    static final Map<String, List<String>> ZONE = Map.of(
            "erp.example.com", List.of("203.0.113.10"),
            "metadata.attacker.example", List.of("169.254.169.254"),
            "rebound.attacker.example", List.of("203.0.113.10", "10.0.0.7"),
            "v6.attacker.example", List.of("fd12:3456::1"),
            "loop.attacker.example", List.of("127.0.0.1"));

    static ReceiverPolicy.Resolver zone() {
        return host -> {
            List<String> addresses = ZONE.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }

    static final ReceiverPolicy PROD = new ReceiverPolicy(false, zone());
    static final ReceiverPolicy DEV = new ReceiverPolicy(true, zone());

    @Test
    void publicHttpsEndpointsAreFine() throws Exception {
        assertThat(PROD.checkUrl(URI.create("https://erp.example.com/hooks?x=1"))).isEmpty();
        assertThat(PROD.checkUrl(URI.create("https://203.0.113.10:8443/hooks"))).isEmpty();
        assertThat(PROD.checkUrl(URI.create("https://[2001:db8::1]/hooks"))).isEmpty();
        ReceiverPolicy.Target target = PROD.resolve(URI.create("https://erp.example.com/hooks"));
        assertThat(target.address().getHostAddress()).isEqualTo("203.0.113.10");
    }

    @Test
    void inwardLiteralAddressesAreRefusedByName() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("https://127.0.0.1/x", "must not point at a loopback address"),
                Map.entry("https://127.8.9.10/x", "must not point at a loopback address"),
                Map.entry("https://[::1]/x", "must not point at a loopback address"),
                Map.entry("https://localhost/x", "must not point at a loopback address"),
                Map.entry("https://api.localhost/x", "must not point at a loopback address"),
                Map.entry("https://10.1.2.3/x", "must not point at a private address"),
                Map.entry("https://172.16.0.1/x", "must not point at a private address"),
                Map.entry("https://172.31.255.254/x", "must not point at a private address"),
                Map.entry("https://192.168.1.1/x", "must not point at a private address"),
                Map.entry("https://[fc00::1]/x", "must not point at a private address"),
                Map.entry("https://[fd00:ec2::254]/x", "must not point at a private address"),
                Map.entry("https://169.254.169.254/latest/meta-data/", "must not point at a link-local address"),
                Map.entry("https://[fe80::1]/x", "must not point at a link-local address"),
                Map.entry("https://224.0.0.1/x", "must not point at a multicast address"),
                Map.entry("https://[ff02::1]/x", "must not point at a multicast address"),
                Map.entry("https://0.0.0.0/x", "must not point at the unspecified address"),
                Map.entry("https://[::]/x", "must not point at the unspecified address"),
                Map.entry("https://100.64.0.1/x", "must not point at a shared (carrier-grade NAT) address"),
                Map.entry("https://255.255.255.255/x", "must not point at a reserved address"),
                // The same addresses in IPv6 clothing.
                Map.entry("https://[::ffff:169.254.169.254]/x", "must not point at a link-local address"),
                Map.entry("https://[::ffff:10.0.0.1]/x", "must not point at a private address"),
                Map.entry("https://[64:ff9b::a9fe:a9fe]/x", "must not point at a link-local address"),
                Map.entry("https://[2002:c0a8:0101::1]/x", "must not point at a private address"));
        refused.forEach((url, message) ->
                assertThat(PROD.checkUrl(URI.create(url))).as(url).containsExactly(message));
    }

    @Test
    void addressesInOtherNotationsAreNotTakenForNames() {
        for (String url : List.of("https://2130706433/x", "https://0x7f000001/x", "https://0177.0.0.1/x",
                "https://127.1/x", "https://0x7f.0.0.1/x", "https://intranet/x", "https://169.254.169.254.0/x")) {
            assertThat(PROD.checkUrl(URI.create(url))).as(url)
                    .containsExactly("must name its host by a DNS name or a plain IP address");
        }
    }

    @Test
    void plainHttpOnlyForLoopbackAndOnlyWhenAllowed() {
        assertThat(PROD.checkUrl(URI.create("http://erp.example.com/x"))).containsExactly("must use https");
        assertThat(PROD.checkUrl(URI.create("http://127.0.0.1:8080/x")))
                .containsExactly("must use https", "must not point at a loopback address");
        assertThat(DEV.checkUrl(URI.create("http://127.0.0.1:8080/x"))).isEmpty();
        assertThat(DEV.checkUrl(URI.create("http://localhost:8080/x"))).isEmpty();
        assertThat(DEV.checkUrl(URI.create("http://[::1]:8080/x"))).isEmpty();
        assertThat(DEV.checkUrl(URI.create("http://erp.example.com/x"))).containsExactly("must use https");
        // The switch is about loopback only: the rest of the inside stays closed.
        assertThat(DEV.checkUrl(URI.create("https://10.0.0.5/x"))).containsExactly("must not point at a private address");
        assertThat(DEV.checkUrl(URI.create("http://169.254.169.254/x")))
                .containsExactly("must use https", "must not point at a link-local address");
    }

    @Test
    void namesAreCheckedByWhatTheyResolveTo() throws Exception {
        assertThatThrownBy(() -> PROD.resolve(URI.create("https://metadata.attacker.example/x")))
                .isInstanceOf(ReceiverPolicy.Refused.class).hasMessage("resolves to a link-local address");
        // One inward address among public ones is enough: which one a client picks is not ours to predict.
        assertThatThrownBy(() -> PROD.resolve(URI.create("https://rebound.attacker.example/x")))
                .isInstanceOf(ReceiverPolicy.Refused.class).hasMessage("resolves to a private address");
        assertThatThrownBy(() -> PROD.resolve(URI.create("https://v6.attacker.example/x")))
                .isInstanceOf(ReceiverPolicy.Refused.class).hasMessage("resolves to a private address");
        assertThatThrownBy(() -> PROD.resolve(URI.create("https://loop.attacker.example/x")))
                .isInstanceOf(ReceiverPolicy.Refused.class).hasMessage("resolves to a loopback address");
        assertThat(DEV.resolve(URI.create("https://loop.attacker.example/x")).address().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> PROD.resolve(URI.create("https://nowhere.example.org/x")))
                .isInstanceOf(UnknownHostException.class);
        // resolve() applies the URL rules too.
        assertThatThrownBy(() -> PROD.resolve(URI.create("http://erp.example.com/x")))
                .isInstanceOf(ReceiverPolicy.Refused.class).hasMessage("must use https");
    }
}
