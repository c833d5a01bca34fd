package io.waybill.tracking.carriers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.Map;

/**
 * Carrier accounts from configuration, until the carrier-accounts API (with secrets encrypted at rest)
 * replaces it: {@code waybill.carriers.<carrier code>.<setting>=<value>}. The settings each carrier
 * reads are documented in its package of the {@code carriers} module; {@code enabled=false} switches a
 * carrier off.
 */
@ConfigMapping(prefix = "waybill.carriers")
public interface CarrierAccountsConfig {

    /** Settings by carrier code. */
    @WithParentName
    Map<String, Map<String, String>> accounts();
}
