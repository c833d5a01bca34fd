package io.waybill.gateway.platform;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * An RFC 9457 problem document, the same shape the services answer with. The gateway writes it straight
 * onto Vert.x responses because its answers (401, 403, 413, 503, 504...) never pass through Jakarta REST.
 */
public record Problem(URI type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create("https://waybill.io/problems/" + slug), title, status, detail);
    }

    public Buffer toBuffer() {
        JsonObject json = new JsonObject()
                .put("type", type.toString())
                .put("title", title)
                .put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        return json.toBuffer();
    }

    /** Ends {@code response} with this problem, unless something was already sent. */
    public void send(HttpServerResponse response) {
        if (response.headWritten()) {
            if (!response.ended()) {
                response.end();
            }
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(toBuffer());
    }
}
