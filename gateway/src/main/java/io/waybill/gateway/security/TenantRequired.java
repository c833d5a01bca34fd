package io.waybill.gateway.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * HTTP permission policy {@code tenant}: the token must carry a non-blank {@code tenant} claim. Every
 * partner request is scoped to a tenant, so a token without one is turned away here (403) rather than
 * deep inside a service. Anonymous callers are denied too, which Quarkus turns into the 401 challenge.
 */
@ApplicationScoped
public class TenantRequired implements HttpSecurityPolicy {

    static final String CLAIM = "tenant";

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext requestContext) {
        return identity.map(caller -> hasTenant(caller) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    @Override
    public String name() {
        return "tenant";
    }

    static boolean hasTenant(SecurityIdentity caller) {
        if (caller == null || caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
            return false;
        }
        Object tenant = token.getClaim(CLAIM);
        // Claims may come back as JSON values whose toString() keeps the quotes.
        return tenant != null && !tenant.toString().replace("\"", "").isBlank();
    }
}
