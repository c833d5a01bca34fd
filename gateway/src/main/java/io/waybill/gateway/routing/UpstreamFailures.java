package io.waybill.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.waybill.gateway.platform.Problem;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Turns a failed exchange with a service into a problem+json answer; the proxy on its own would answer
 * every failure with an empty 502. Down (no connection) is 503, silent for too long is 504.
 */
final class UpstreamFailures implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);

    private final Upstream upstream;
    private final Duration timeout;
    private final long bodyLimit;

    UpstreamFailures(Upstream upstream, Duration timeout, long bodyLimit) {
        this.upstream = upstream;
        this.timeout = timeout;
        this.bodyLimit = bodyLimit;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> Future.succeededFuture(answer(context, failure)));
    }

    private ProxyResponse answer(ProxyContext context, Throwable failure) {
        Problem problem = problemFor(context, failure);
        ProxyResponse response = context.request().release().response();
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(problem.toBuffer()));
        if (problem.status() == 503) {
            response.putHeader("Retry-After", "5");
        }
        return response;
    }

    private Problem problemFor(ProxyContext context, Throwable failure) {
        String service = upstream.serviceName();
        String path = context.request().proxiedRequest().path();
        if (Boolean.TRUE.equals(context.get(ChunkedBodyCap.EXCEEDED, Boolean.class))) {
            return BodyLimit.tooLarge(bodyLimit);
        }
        if (failure instanceof UpstreamUnavailable) {
            LOG.warnf("%s unavailable for %s: %s", service, path, failure.getCause());
            return Problem.of(503, "service-unavailable", "Service unavailable",
                    service + " cannot be reached at the moment; retry later");
        }
        if (failure instanceof TimeoutException) {
            LOG.warnf("%s did not answer %s within %d ms", service, path, timeout.toMillis());
            return Problem.of(504, "gateway-timeout", "Gateway timeout",
                    service + " did not answer within " + timeout.toMillis() + " ms");
        }
        LOG.warnf("%s failed to answer %s: %s", service, path, failure.toString());
        return Problem.of(502, "bad-gateway", "Bad gateway", service + " failed to answer");
    }
}
