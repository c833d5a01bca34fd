package io.waybill.carriers.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings of one carrier account: credentials, base URLs, agreements, as plain strings whose
 * names each carrier package documents. {@link #toString()} masks every value whose name looks secret
 * (password, token, key, secret, clave), and {@link #redact(String)} removes secret values from text
 * (carrier messages may echo what they were sent) before it goes into an exception or a log.
 */
public record CarrierAccount(String carrier, Map<String, String> settings) {

    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "token", "key", "secret", "clave", "pin");

    public CarrierAccount {
        Objects.requireNonNull(carrier, "carrier");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static CarrierAccount of(String carrier, Map<String, String> settings) {
        return new CarrierAccount(carrier, settings);
    }

    /** A setting that must be present and not blank. */
    public String require(String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Carrier account " + carrier + " needs the setting '" + name + "'");
        }
        return value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** True when a setting of this name holds a secret (it is then never printed). */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    /** {@code text} with every secret value of this account replaced by {@code ***}. */
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
        return "CarrierAccount[carrier=" + carrier + ", settings=" + shown + "]";
    }
}
