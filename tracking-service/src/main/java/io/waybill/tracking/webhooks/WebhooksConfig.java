package io.waybill.tracking.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code waybill.webhooks.<carrier>.*}: how each carrier's webhook calls are authenticated, besides
 * the carrier plug-in's own signature scheme. {@code secret}: the HMAC secret of Waybill's
 * {@link WebhookSignature} scheme (timestamp and body signed; older than 5 minutes is a replay).
 * {@code oidc-clients}: the OIDC clients (token {@code azp}) of carrier partners allowed to push for
 * this carrier with a bearer token carrying the {@code carrier} role.
 */
@ConfigMapping(prefix = "waybill.webhooks")
public interface WebhooksConfig {

    @WithParentName
    Map<String, CarrierWebhookAuth> carriers();

    interface CarrierWebhookAuth {

        Optional<String> secret();

        Optional<List<String>> oidcClients();
    }

    default Optional<String> secret(String carrier) {
        return Optional.ofNullable(carriers().get(carrier)).flatMap(CarrierWebhookAuth::secret).filter(s -> !s.isBlank());
    }

    default List<String> oidcClients(String carrier) {
        return Optional.ofNullable(carriers().get(carrier)).flatMap(CarrierWebhookAuth::oidcClients).orElse(List.of());
    }
}
