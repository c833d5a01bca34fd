package io.waybill.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which partner endpoints the gateway may call (server-side request forgery guard, docs/adr/0033): HTTPS only, and
 * never an address inside our network: loopback, private (RFC 1918, fc00::/7), shared (100.64/10), link-local
 * (169.254/16 with the cloud metadata endpoint, fe80::/10), multicast, unspecified or reserved.
 * <p>
 * Checked twice: on the URL when a partner subscribes ({@link #checkUrl}), and on the resolved addresses right
 * before every delivery ({@link #resolve}); the delivery then connects to exactly the address that was checked,
 * so a host name that later resolves inward (DNS rebinding) is refused rather than called.
 * <p>
 * {@code allowLoopback} (waybill.webhooks.allow-insecure-localhost, dev and test only) lets loopback receivers
 * through, over plain HTTP too; every other rule still holds.
 */
public final class ReceiverPolicy {

    /** Name resolution; {@link #DNS} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver DNS = InetAddress::getAllByName;

    /** Why an endpoint may not be called; the message is meant for the partner and names no address. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The address to connect to for {@code uri}, checked. */
    public record Target(URI uri, InetAddress address) {
    }

    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern TOP_LEVEL_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

    private final boolean allowLoopback;
    private final Resolver resolver;

    public ReceiverPolicy(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    public static ReceiverPolicy of(WebhooksConfig config) {
        return new ReceiverPolicy(config.allowInsecureLocalhost(), DNS);
    }

    /**
     * What is wrong with an absolute URL, without asking DNS: the scheme, a host that is neither a
     * plain IP address nor a DNS name (e.g. {@code 2130706433}, {@code 0x7f.1}), a literal address or name that
     * points inside.
     */
    public List<String> checkUrl(URI uri) {
        List<String> problems = new ArrayList<>();
        if (uri.getScheme() == null || uri.getHost() == null) {
            // java.net.URI leaves the host out when it is no valid host name, e.g. 127.1 or 0x7f.0.0.1
            problems.add("must name its host by a DNS name or a plain IP address");
            return problems;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = literal(host);
        boolean loopbackName = host.equals("localhost") || host.endsWith(".localhost");
        boolean loopback = loopbackName || literal.map(InetAddress::isLoopbackAddress).orElse(false);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback && allowLoopback)) {
            problems.add("must use https");
        }
        if (literal.isPresent()) {
            refusal(literal.get()).ifPresent(kind -> problems.add("must not point at " + kind));
        } else if (loopbackName) {
            if (!allowLoopback) {
                problems.add("must not point at a loopback address");
            }
        } else if (!isDnsName(host)) {
            problems.add("must name its host by a DNS name or a plain IP address");
        }
        return problems;
    }

    /**
     * Resolves the URL's host and checks every address it has (one inward address is enough to refuse: which one
     * a client would pick is not ours to predict).
     *
     * @throws UnknownHostException when the name does not resolve
     * @throws Refused when the URL or one of the addresses may not be called
     */
    public Target resolve(URI uri) throws UnknownHostException, Refused {
        List<String> problems = checkUrl(uri);
        if (!problems.isEmpty()) {
            throw new Refused(problems.get(0));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = literal(host);
        InetAddress[] addresses = literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = refusal(address);
            if (kind.isPresent()) {
                throw new Refused("resolves to " + kind.get());
            }
        }
        return new Target(uri, addresses[0]);
    }

    /** What kind of inward address {@code address} is, if it may not be called. */
    private Optional<String> refusal(InetAddress address) {
        if (address.isLoopbackAddress() && allowLoopback) {
            return Optional.empty();
        }
        return inward(address);
    }

    private static Optional<String> inward(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
                return Optional.of("a private address");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a shared (carrier-grade NAT) address");
            }
            if (first == 0 || first >= 240) {
                return Optional.of("a reserved address");
            }
            return Optional.empty();
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private address");
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a private address"); // fec0::/10, the deprecated site-local range
            }
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return inward(embedded.get());
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        byte[] v4;
        if (allZero(b, 0, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            v4 = Arrays.copyOfRange(b, 12, 16);
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = Arrays.copyOfRange(b, 2, 6);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address a host of a URL spells, when it is a canonical IPv4 or a bracketed IPv6 literal. */
    private static Optional<InetAddress> literal(String host) {
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                return Optional.of(InetAddress.getByName(host)); // an IPv6 literal never asks DNS
            }
            if (CANONICAL_IPV4.matcher(host).matches()) {
                return Optional.of(InetAddress.getByName(host));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A DNS name whose top-level label is alphabetic: anything else ({@code 127.1}, {@code 2130706433},
     * {@code 0x7f000001}, {@code 0177.0.0.1}) would be read as an address in some notation by some resolver.
     */
    private static boolean isDnsName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        int dot = name.lastIndexOf('.');
        return dot > 0 && TOP_LEVEL_LABEL.matcher(name.substring(dot + 1)).matches();
    }
}
