package io.waybill.gateway.webhooks.subscribing;

import io.waybill.contracts.PublicEventType;
import io.waybill.gateway.webhooks.ReceiverPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What makes a subscription request valid; every violation is reported, not just the first. */
final class SubscriptionRules {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 500;

    private SubscriptionRules() {
    }

    record Violation(String field, String message) {
    }

    static List<Violation> check(SubscriptionRequest request, ReceiverPolicy receivers) {
        List<Violation> violations = new ArrayList<>();
        checkUrl(request.url(), receivers, violations);
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

    private static void checkUrl(String url, ReceiverPolicy receivers, List<Violation> violations) {
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
        List<String> unsafe = receivers.checkUrl(uri);
        unsafe.forEach(message -> violations.add(new Violation("url", message)));
        if (unsafe.isEmpty()) {
            // A name that resolves inward now is refused now; one that does not resolve (yet) is accepted, and every
            // delivery checks the addresses again (ReceiverPolicy.resolve).
            try {
                receivers.resolve(uri);
            } catch (ReceiverPolicy.Refused e) {
                violations.add(new Violation("url", e.getMessage()));
            } catch (UnknownHostException e) {
                // checked again at delivery
            }
        }
    }

    private static String catalog() {
        return Arrays.stream(PublicEventType.values()).map(PublicEventType::cloudEventType).toList().toString();
    }
}
