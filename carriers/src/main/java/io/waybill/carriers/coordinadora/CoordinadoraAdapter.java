package io.waybill.carriers.coordinadora;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.JsonHttp;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.carriers.spi.Quote;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.ShipmentValidated;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coordinadora (Colombia): guides ({@code Guias_generarGuia}, {@code Guias_anularGuia}), quotes
 * ({@code Cotizador_cotizar}), tracking ({@code Seguimiento_detallado}) and pickups
 * ({@code Recogidas_programar}), as JSON-RPC 2.0 (see {@link CoordinadoraProxy} for the assumed
 * shape; {@link CoordinadoraSettings} for the settings).
 *
 * <p>Webhooks: Coordinadora's "Sistema de Eventos" is enabled by the account advisor and neither its
 * payload nor any signature is public. This adapter accepts only calls signed with the account's
 * {@code webhookSecret}: header {@code X-Coordinadora-Signature} = hex HMAC-SHA256 of the raw body
 * (ASSUMED, our own convention, to be agreed when the advisor sets the endpoint up). Without a secret
 * every webhook is refused: unsigned status updates are not trusted.
 *
 * <p>Idempotency: no key is documented for {@code Guias_generarGuia} ({@link #honoursIdempotencyKey()}
 * is false), so a guide whose answer was lost is not requested again blindly.
 */
public class CoordinadoraAdapter implements CarrierAdapter {

    static final String CODE = "coordinadora";
    static final String SIGNATURE_HEADER = "x-coordinadora-signature";

    private final CoordinadoraSettings settings;
    private final CoordinadoraProxy proxy;

    public CoordinadoraAdapter(CarrierAccount account) {
        this.settings = CoordinadoraSettings.of(account);
        this.proxy = new CoordinadoraProxy(account);
    }

    @Override
    public String code() {
        return CODE;
    }

    /** Calls {@code Cotizador_departamentos}, the cheapest authenticated AGS operation (assumed to check apikey and clave). */
    @Override
    public void verifyCredentials() throws CarrierException {
        var p = JsonHttp.MAPPER.createObjectNode();
        p.put("apikey", settings.apiKey());
        p.put("clave", settings.agsClave());
        proxy.ags("Cotizador_departamentos", p);
    }

    @Override
    public List<Quote> quote(ShipmentValidated shipment) throws CarrierException {
        String service = shipment.service() == null ? CoordinadoraServices.STANDARD : shipment.service();
        int level = level(service);
        JsonNode result = proxy.ags("Cotizador_cotizar", CoordinadoraMapper.cotizar(settings, shipment, level));
        return List.of(CoordinadoraMapper.quote(result, service));
    }

    @Override
    public CarrierShipment createShipment(ShipmentValidated shipment) throws CarrierException {
        int level = level(shipment.service());
        JsonNode result = proxy.guias("Guias_generarGuia", CoordinadoraMapper.generarGuia(settings, shipment, level));
        return CoordinadoraMapper.shipment(result, shipment);
    }

    /**
     * {@code Guias_anularGuia} answers a boolean. ASSUMED: false means "not voided" (e.g. already in the
     * network); whether an already voided guide answers true is not documented.
     */
    @Override
    public void voidShipment(String trackingNumber) throws CarrierException {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            throw new CarrierException("COORDINADORA_NO_TRACKING_NUMBER", "No guide number to void", false);
        }
        JsonNode result = proxy.guias("Guias_anularGuia", CoordinadoraMapper.anularGuia(settings, trackingNumber));
        if (!result.asBoolean(false)) {
            throw new CarrierException("COORDINADORA_VOID_REFUSED", "Coordinadora did not void guide " + trackingNumber, false);
        }
    }

    @Override
    public PickupConfirmation requestPickup(PickupRequest request) throws CarrierException {
        JsonNode result = proxy.ags("Recogidas_programar", CoordinadoraMapper.programarRecogida(settings, request));
        return CoordinadoraMapper.pickup(result, request);
    }

    /** One guide per {@code Seguimiento_detallado} call. */
    @Override
    public List<TrackingUpdate> track(List<String> trackingNumbers) throws CarrierException {
        if (trackingNumbers.size() > maxTrackBatch()) {
            throw new IllegalArgumentException("Coordinadora tracks " + maxTrackBatch() + " guide per call");
        }
        if (trackingNumbers.isEmpty()) {
            return List.of();
        }
        String number = trackingNumbers.get(0);
        JsonNode result = proxy.ags("Seguimiento_detallado", CoordinadoraMapper.seguimiento(settings, number));
        return CoordinadoraMapper.updates(number, result);
    }

    @Override
    public List<TrackingUpdate> parseWebhook(byte[] body, Map<String, String> headers) throws CarrierException {
        if (settings.webhookSecret() == null) {
            throw new CarrierException("COORDINADORA_WEBHOOK_UNSIGNED",
                    "Coordinadora webhooks are refused: the account has no webhookSecret", false);
        }
        String signature = headers.entrySet().stream()
                .filter(e -> SIGNATURE_HEADER.equals(e.getKey().toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue).findFirst().orElse("");
        byte[] expected = hmac(settings.webhookSecret(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new CarrierException("COORDINADORA_WEBHOOK_SIGNATURE", "The webhook's signature does not match", false);
        }
        return readWebhook(body);
    }

    @Override
    public List<TrackingUpdate> readWebhook(byte[] body) throws CarrierException {
        try {
            return CoordinadoraMapper.webhook(JsonHttp.MAPPER.readTree(body));
        } catch (IOException e) {
            throw new CarrierException("COORDINADORA_BAD_WEBHOOK", "The webhook body is not JSON", false, e);
        }
    }

    /** Codes travel as {@code estado/<codigo>} or {@code novedad/<codigo>}. */
    @Override
    public java.util.Optional<io.waybill.carriers.spi.NormalizedStatus> normalize(String carrierCode) {
        return java.util.Optional.of(CoordinadoraStatusCodes.status(carrierCode));
    }

    @Override
    public int maxTrackBatch() {
        return 1;
    }

    private static int level(String service) throws CarrierException {
        return CoordinadoraServices.level(service).orElseThrow(() -> new CarrierException("COORDINADORA_UNKNOWN_SERVICE",
                "Coordinadora has no service '" + service + "'", false));
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
