package io.waybill.returns.returning;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The tenants' restock policies: {@code waybill.returns.policy.<tenant>=AUTO_RESTOCK|INSPECT}, else
 * {@code waybill.returns.default-policy} (INSPECT: nothing goes back into stock unseen). Read when a
 * return is received, so a changed policy applies to returns received from then on.
 */
@ApplicationScoped
public class ReturnPolicies {

    private static final Logger LOG = Logger.getLogger(ReturnPolicies.class);

    private final Config config;

    public ReturnPolicies(Config config) {
        this.config = config;
    }

    public ReturnPolicy of(String tenantId) {
        return config.getOptionalValue("waybill.returns.policy." + tenantId, String.class)
                .or(() -> config.getOptionalValue("waybill.returns.default-policy", String.class))
                .map(value -> parse(tenantId, value))
                .orElse(ReturnPolicy.INSPECT);
    }

    private static ReturnPolicy parse(String tenantId, String value) {
        try {
            return ReturnPolicy.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.warnf("Unknown return policy %s for tenant %s: INSPECT applies", value, tenantId);
            return ReturnPolicy.INSPECT;
        }
    }
}
