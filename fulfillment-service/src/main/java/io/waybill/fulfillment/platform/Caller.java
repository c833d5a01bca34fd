package io.waybill.fulfillment.platform;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the tenant comes from the verified token's {@code tenant} claim, never from the request. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public String tenant() {
        Object tenant = token.getClaim("tenant");
        if (tenant == null || tenant.toString().isBlank()) {
            throw new jakarta.ws.rs.ForbiddenException("The token carries no tenant");
        }
        return tenant.toString().replace("\"", "");
    }

    public boolean isAdmin() {
        return identity.hasRole("admin");
    }

    /** Whether the caller may see data of {@code tenant}. */
    public boolean maySee(String tenant) {
        return isAdmin() || tenant.equals(tenant());
    }

    public String subject() {
        return token.getSubject();
    }
}
