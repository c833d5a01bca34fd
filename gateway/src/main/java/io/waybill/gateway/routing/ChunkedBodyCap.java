package io.waybill.gateway.routing;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The body limit for requests without Content-Length (chunked uploads), which {@link BodyLimit} cannot judge
 * up front: the body streams to the service until it passes the limit, then the upstream request is reset
 * and {@link UpstreamFailures} answers 413.
 */
final class ChunkedBodyCap implements ProxyInterceptor {

    static final String EXCEEDED = "waybill.body-limit-exceeded";

    private final long limit;

    ChunkedBodyCap(long limit) {
        this.limit = limit;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        Body body = context.request().getBody();
        if (body != null && body.length() < 0) {
            HttpServerRequest incoming = context.request().proxiedRequest();
            Capped capped = new Capped(body.stream(), limit,
                    () -> context.set(EXCEEDED, Boolean.TRUE),
                    () -> incoming.connection().close());
            context.request().setBody(Body.body(capped, -1));
        }
        return context.sendRequest();
    }

    /** Passes chunks on until the limit, then fails; keeps reading (and dropping) a bounded overshoot. */
    static final class Capped implements ReadStream<Buffer> {

        private final ReadStream<Buffer> source;
        private final long limit;
        private final Runnable onExceeded;
        private final Runnable onFlood;
        private Handler<Buffer> downstream;
        private Handler<Throwable> exceptionHandler;
        private boolean installed;
        private boolean exceeded;
        private boolean flooded;
        private long seen;

        Capped(ReadStream<Buffer> source, long limit, Runnable onExceeded, Runnable onFlood) {
            this.source = source;
            this.limit = limit;
            this.onExceeded = onExceeded;
            this.onFlood = onFlood;
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            exceptionHandler = handler;
            source.exceptionHandler(handler);
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            downstream = handler;
            // Stays installed after the pipe lets go, so the overshoot is still counted while it is drained.
            if (!installed && handler != null) {
                installed = true;
                source.handler(this::chunk);
            }
            return this;
        }

        private void chunk(Buffer chunk) {
            seen += chunk.length();
            if (exceeded) {
                if (!flooded && seen > BodyLimit.DRAIN_FACTOR * limit) {
                    flooded = true;
                    onFlood.run();
                }
                return;
            }
            if (seen > limit) {
                exceeded = true;
                onExceeded.run();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new IllegalStateException("Request body exceeds " + limit + " bytes"));
                }
                return;
            }
            if (downstream != null) {
                downstream.handle(chunk);
            }
        }

        @Override
        public ReadStream<Buffer> pause() {
            source.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            source.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            source.fetch(amount);
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            source.endHandler(endHandler == null ? null : end -> {
                if (!exceeded) {
                    endHandler.handle(end);
                }
            });
            return this;
        }
    }
}
