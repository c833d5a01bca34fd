package io.waybill.fulfillment.partners.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * The partners installed per tenant: the plug-ins found with {@link ServiceLoader}, each bound to the
 * settings a tenant has for it ({@code tenant -> partner -> setting -> value}). A tenant without settings
 * for a partner cannot use it; a malformed setting stops the start, naming it, never showing a value.
 */
public final class PartnerRegistry {

    private static final Logger LOG = Logger.getLogger(PartnerRegistry.class.getName());

    private final Map<String, FulfillmentPartnerFactory> factories = new HashMap<>();
    private final Map<String, Map<String, FulfillmentPartner>> byTenant = new HashMap<>();

    public static PartnerRegistry load(Map<String, Map<String, Map<String, String>>> accounts) {
        return new PartnerRegistry(ServiceLoader.load(FulfillmentPartnerFactory.class, PartnerRegistry.class.getClassLoader()),
                accounts);
    }

    public PartnerRegistry(Iterable<FulfillmentPartnerFactory> plugins, Map<String, Map<String, Map<String, String>>> accounts) {
        plugins.forEach(factory -> factories.put(factory.code().toLowerCase(Locale.ROOT), factory));
        accounts.forEach((tenant, partners) -> partners.forEach((code, settings) -> {
            FulfillmentPartnerFactory factory = factories.get(code);
            if (factory == null) {
                throw new IllegalStateException("Tenant " + tenant + " has settings for fulfillment partner " + code
                        + ", but no such plug-in is installed " + factories.keySet());
            }
            PartnerAccount account = new PartnerAccount(tenant, code, settings);
            try {
                byTenant.computeIfAbsent(tenant, t -> new HashMap<>()).put(code, factory.create(account));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("Fulfillment partner " + code + " of tenant " + tenant
                        + " is misconfigured: " + e.getMessage(), e);
            }
            LOG.info(() -> "Fulfillment partner installed: " + account);
        }));
    }

    public Optional<FulfillmentPartner> find(String tenant, String partner) {
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(partner == null ? null
                : partner.toLowerCase(Locale.ROOT)));
    }

    /** Every configured (tenant, partner) pair. */
    public List<Binding> all() {
        List<Binding> all = new ArrayList<>();
        byTenant.forEach((tenant, partners) -> partners.forEach((code, partner) -> all.add(new Binding(tenant, partner))));
        return all;
    }

    public boolean installed(String code) {
        return factories.containsKey(code);
    }

    public record Binding(String tenant, FulfillmentPartner partner) {
    }
}
