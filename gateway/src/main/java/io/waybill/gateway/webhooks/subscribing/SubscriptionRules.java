package io.waybill.gateway.webhooks.subscribing;

import io.waybill.contracts.PublicEventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What makes a subscription request valid; every violation is reported, not just the first. */
final class SubscriptionRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private SubscriptionRules() {
    }

    record Violation(String field, String message) {
    }

    static List<Violation> check(SubscriptionRequest request, boolean allowInsecureLocalhost) {
        List<Violation> violations = new ArrayList<>();
        checkUrl(request.url(), allowInsecureLocalhost, violations);
        List<String> types = request.eventTypes();
        if (types == null || types.isEmpty()) {
            violations.add(new Violation("eventTypes", "must list at least one event type of " + catalog()));
        } else {
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (type == null || PublicEventType.byCloudEventType(type).isEmpty()) {
                    violations.add(new Violation("eventTypes[" + i + "]", "unknown event type " + type
                            + "; known: " + catalog()));
                }
            }
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new Violation("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        return violations;
    }

    private static void checkUrl(String url, boolean allowInsecureLocalhost, List<Violation> violations) {
        if (url == null || url.isBlank()) {
            violations.add(new Violation("url", "is required"));
            return;
        }
        if (url.length() > MAX_URL_LENGTH) {
            violations.add(new Violation("url", "must be at most " + MAX_URL_LENGTH + " characters"));
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            violations.add(new Violation("url", "is not a valid URL"));
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            violations.add(new Violation("url", "must be an absolute URL with a host"));
            return;
        }
        if (uri.getUserInfo() != null) {
            violations.add(new Violation("url", "must not carry credentials; deliveries are authenticated by signature"));
        }
        if (uri.getFragment() != null) {
            violations.add(new Violation("url", "must not have a fragment"));
        }
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && loopback && allowInsecureLocalhost) {
            return;
        }
        violations.add(new Violation("url", "must use https"));
    }

    private static String catalog() {
        return Arrays.stream(PublicEventType.values()).map(PublicEventType::cloudEventType).toList().toString();
    }
}
