package io.waybill.gateway.security;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.waybill.gateway.platform.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Set;

/**
 * The OIDC bearer mechanism, except that its 401 challenge carries a problem+json body: Quarkus would
 * end the response empty, and partners get problem documents for every other error. Authentication
 * itself is left entirely to quarkus-oidc.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProblemChallenge implements HttpAuthenticationMechanism {

    private final OidcAuthenticationMechanism oidc;

    public ProblemChallenge(OidcAuthenticationMechanism oidc) {
        this.oidc = oidc;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return oidc.authenticate(context, identityProviderManager);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return oidc.getChallenge(context).map(challenge -> {
            HttpServerResponse response = context.response();
            if (response.headWritten()) {
                return true;
            }
            int status = challenge == null ? 401 : challenge.status;
            CharSequence header = challenge == null || challenge.headerName == null
                    ? HttpHeaderNames.WWW_AUTHENTICATE : challenge.headerName;
            String value = challenge == null || challenge.headerContent == null ? "Bearer" : challenge.headerContent;
            response.putHeader(header, value);
            Problem.of(status, "unauthorized", "Unauthorized", "A valid bearer token is required").send(response);
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    // Above the OIDC mechanism, so this one answers the challenge even if both end up registered.
    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }
}
