package io.waybill.fulfillment.platform;

import io.waybill.fulfillment.partners.spi.PartnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The partner plug-ins bound to each tenant's settings, read from
 * {@code waybill.fulfillment.tenants.<tenant>.<partner>.<setting>=value} (e.g.
 * {@code waybill.fulfillment.tenants.acme.ongoing.goodsOwnerId=17}).
 */
@ApplicationScoped
public class Partners {

    static final String PREFIX = "waybill.fulfillment.tenants.";

    @Produces
    @Singleton
    PartnerRegistry registry(Config config) {
        return PartnerRegistry.load(accounts(config));
    }

    static Map<String, Map<String, Map<String, String>>> accounts(Config config) {
        Map<String, Map<String, Map<String, String>>> accounts = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = name.substring(PREFIX.length()).split("\\.", 3);
            if (parts.length < 3) {
                throw new IllegalStateException("Expected " + PREFIX + "<tenant>.<partner>.<setting>, got " + name);
            }
            config.getOptionalValue(name, String.class).ifPresent(value -> accounts
                    .computeIfAbsent(unquote(parts[0]), t -> new HashMap<>())
                    .computeIfAbsent(unquote(parts[1]), p -> new HashMap<>())
                    .put(parts[2], value));
        }
        return accounts;
    }

    private static String unquote(String key) {
        return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}
