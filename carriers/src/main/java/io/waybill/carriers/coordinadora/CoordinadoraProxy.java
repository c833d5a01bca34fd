package io.waybill.carriers.coordinadora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.JsonHttp;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coordinadora's two web services, called as JSON-RPC 2.0 over HTTP POST.
 *
 * <p>ASSUMED SHAPE. Coordinadora documents SOAP (WSDL) and says some operations also answer JSON-RPC
 * 2.0; this proxy uses JSON-RPC for all of them: {@code {"jsonrpc":"2.0","id":n,"method":<the SOAP
 * operation, e.g. Guias_generarGuia>,"params":{"p":<the SOAP p structure>}}}, answered by
 * {@code {"jsonrpc":"2.0","id":n,"result":...}} or {@code {"error":{"code","message"}}}. The endpoints
 * are the SOAP ones without {@code ?wsdl}. If an operation turns out to be SOAP-only, only this class
 * changes.
 */
final class CoordinadoraProxy {

    static final String SANDBOX_GUIAS = "http://sandbox.coordinadora.com/agw/ws/guias/1.6/server.php";
    static final String PRODUCTION_GUIAS = "http://guias.coordinadora.com/ws/guias/1.6/server.php";
    static final String SANDBOX_AGS = "http://sandbox.coordinadora.com/ags/1.5/server.php";
    static final String PRODUCTION_AGS = "https://ws.coordinadora.com/ags/1.5/server.php";

    private final JsonHttp http;
    private final URI guias;
    private final URI ags;
    private final AtomicLong ids = new AtomicLong();

    CoordinadoraProxy(CarrierAccount account) {
        boolean production = "production".equalsIgnoreCase(account.get("environment", "sandbox"));
        this.http = new JsonHttp(account);
        this.guias = URI.create(account.get("guiasUrl", production ? PRODUCTION_GUIAS : SANDBOX_GUIAS));
        this.ags = URI.create(account.get("agsUrl", production ? PRODUCTION_AGS : SANDBOX_AGS));
    }

    /** Guías service: {@code Guias_generarGuia}, {@code Guias_anularGuia}. */
    JsonNode guias(String method, ObjectNode p) throws CarrierException {
        return call(guias, method, p);
    }

    /** AGS service: {@code Cotizador_*}, {@code Seguimiento_*}, {@code Recogidas_programar}. */
    JsonNode ags(String method, ObjectNode p) throws CarrierException {
        return call(ags, method, p);
    }

    String redact(String text) {
        return http.redact(text);
    }

    private JsonNode call(URI uri, String method, ObjectNode p) throws CarrierException {
        ObjectNode request = JsonHttp.MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        request.putObject("params").set("p", p);
        JsonNode answer = http.post(uri, request, CoordinadoraMapper::errorMessage);
        Optional<CarrierException> error = CoordinadoraMapper.error(answer);
        if (error.isPresent()) {
            CarrierException e = error.get();
            throw new CarrierException(e.code(), http.redact(e.getMessage()), e.retryable());
        }
        if (!answer.has("result")) {
            throw new CarrierException("COORDINADORA_BAD_RESPONSE", "Coordinadora's answer to " + method
                    + " has neither result nor error", true);
        }
        return answer.path("result");
    }
}
