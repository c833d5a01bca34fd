package io.waybill.fulfillment.partners.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One tenant's settings with one partner (credentials, URLs, folders) as plain strings whose names each
 * partner package documents. {@link #toString()} masks secret-looking values and {@link #redact} removes
 * them from text before it goes into an exception, a log line or the exchange history.
 */
public record PartnerAccount(String tenant, String partner, Map<String, String> settings) {

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "token", "key", "secret", "pin");

    public PartnerAccount {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(partner, "partner");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public String require(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fulfillment partner " + partner + " of tenant " + tenant
                    + " needs the setting '" + name + "'");
        }
        return value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (isSecret(e.getKey()) && e.getValue() != null && e.getValue().length() >= 4) {
                out = out.replace(e.getValue(), "***");
            }
        }
        return out;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecret(name) ? "***" : value));
        return "PartnerAccount[tenant=" + tenant + ", partner=" + partner + ", settings=" + shown + "]";
    }
}
