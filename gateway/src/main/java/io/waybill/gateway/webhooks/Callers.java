package io.waybill.gateway.webhooks;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant a request acts for: the token's {@code tenant} claim (the HTTP permission already required it). */
public final class Callers {

    private Callers() {
    }

    public static String tenant(JsonWebToken token) {
        Object claim = token.getClaim("tenant");
        String tenant = claim == null ? null : claim.toString().replace("\"", "").strip();
        if (tenant == null || tenant.isEmpty()) {
            // Unreachable behind the "tenant" policy; refusing is the safe answer if that ever changes.
            throw new jakarta.ws.rs.ForbiddenException("The token names no tenant");
        }
        return tenant;
    }
}
