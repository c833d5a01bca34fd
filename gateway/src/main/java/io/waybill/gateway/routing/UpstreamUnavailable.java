package io.waybill.gateway.routing;

/** No connection to the service could be had (refused, unreachable, connect timeout): the partner gets 503. */
final class UpstreamUnavailable extends RuntimeException {

    UpstreamUnavailable(Upstream upstream, Throwable cause) {
        // No stack trace: this is an expected outcome when a service is down, not a bug.
        super(upstream.serviceName() + " cannot be reached: " + cause.getMessage(), cause, false, false);
    }
}
