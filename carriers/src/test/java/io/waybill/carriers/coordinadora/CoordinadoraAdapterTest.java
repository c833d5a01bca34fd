package io.waybill.carriers.coordinadora;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.waybill.carriers.spi.CarrierAccount;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierAdapterFactory;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.CarrierShipment;
import io.waybill.carriers.spi.PickupConfirmation;
import io.waybill.carriers.spi.PickupRequest;
import io.waybill.carriers.spi.Quote;
import io.waybill.carriers.spi.TestShipments;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.Address;
import io.waybill.contracts.TrackingStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coordinadora stood in by WireMock. Field names are those of Coordinadora's SOAP documentation;
 * the JSON-RPC 2.0 envelope is the assumed shape described in {@link CoordinadoraProxy}.
 */
class CoordinadoraAdapterTest {

    private static final String PASSWORD = "placeholder-password";
    private static final String API_KEY = "placeholder-api-key";
    private static final String WEBHOOK_SECRET = "placeholder-webhook-secret";
    /** SHA-256 hex of {@link #PASSWORD}, computed independently of the adapter. */
    private static final String CLAVE = sha256(PASSWORD);
    private static final String GUIAS = "/agw/ws/guias/1.6/server.php";
    private static final String AGS = "/ags/1.5/server.php";

    private WireMockServer coordinadora;
    private CarrierAccount account;
    private CarrierAdapter adapter;

    @BeforeEach
    void start() {
        coordinadora = new WireMockServer(options().dynamicPort());
        coordinadora.start();
        account = CarrierAccount.of("coordinadora", Map.of("nit", "900123456", "user", "tienda.ws",
                "password", PASSWORD, "apiKey", API_KEY, "agreements", "12345:01:Ecommerce;12346:02:Devoluciones",
                "guiasUrl", coordinadora.baseUrl() + GUIAS, "agsUrl", coordinadora.baseUrl() + AGS,
                "webhookSecret", WEBHOOK_SECRET, "timeoutMs", "1000"));
        adapter = ServiceLoader.load(CarrierAdapterFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.code().equals("coordinadora")).findFirst().orElseThrow().create(account);
    }

    @AfterEach
    void stop() {
        coordinadora.stop();
    }

    @Test
    void generatesAGuideWithTheDocumentedFieldsAndAHashedClave() throws Exception {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 guia".getBytes(StandardCharsets.US_ASCII));
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).withRequestBody(matchingJsonPath("$.method", equalTo("Guias_generarGuia")))
                .willReturn(okJson("""
                        {"jsonrpc":"2.0","id":1,"result":{"codigo_remision":"99012345678","pdf_guia":"%s",
                         "url_terceros":"https://example.com/rotulo"}}""".formatted(pdf))));

        CarrierShipment booked = adapter.createShipment(TestShipments.colombian("PED-2001", "standard"));

        assertThat(booked.trackingNumber()).isEqualTo("99012345678");
        assertThat(booked.parcelTrackingNumbers()).containsExactly("99012345678");
        assertThat(booked.routingCode()).isEqualTo("CO-11001000");
        assertThat(new String(booked.carrierLabelPdf(), StandardCharsets.US_ASCII)).startsWith("%PDF");
        coordinadora.verify(postRequestedFor(urlEqualTo(GUIAS)).withRequestBody(equalToJson("""
                {"jsonrpc":"2.0","method":"Guias_generarGuia","params":{"p":{
                  "codigo_remision":"","id_cliente":"12345","nit_remitente":"900123456",
                  "nombre_remitente":"Tienda Ejemplo SAS - Andrés Gómez","direccion_remitente":"Calle 10 # 43-12",
                  "telefono_remitente":"3001112222","ciudad_remitente":"05001000",
                  "nombre_destinatario":"Carolina Ríos","direccion_destinatario":"Carrera 7 # 71-21, Apto 502",
                  "ciudad_destinatario":"11001000","telefono_destinatario":"3102223333",
                  "valor_declarado":120000,"codigo_cuenta":"2","codigo_producto":"0","nivel_servicio":0,
                  "contenido":"Zapatos","referencia":"PED-2001","estado":"IMPRESO",
                  "detalle":[{"ubl":0,"alto":15,"ancho":20,"largo":31,"peso":2.50,"unidades":1,"referencia":"PED-2001-1"}],
                  "usuario":"tienda.ws","clave":"%s"}}}""".formatted(CLAVE), false, true)));
        assertThat(coordinadora.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain(PASSWORD);
    }

    @Test
    void aJsonRpcErrorIsARefusalWithCoordinadorasMessage() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(okJson("""
                {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"La ciudad destino no tiene cobertura"}}""")));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("La ciudad destino no tiene cobertura");
                });
    }

    @Test
    void anErrorFieldInAnOkAnswerIsARefusalToo() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(okJson("""
                {"jsonrpc":"2.0","id":1,"result":{"error":"Usuario o clave invalidos"}}""")));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("Usuario o clave invalidos");
                });
    }

    @Test
    void serviceUnavailableIsRetryable() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("COORDINADORA_HTTP_503");
                });
    }

    @Test
    void anHtmlPageOrAResetConnectionIsRetryable() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Error de conexion</body></html>")));
        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> assertThat(e.retryable()).isTrue());

        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("COORDINADORA_UNAVAILABLE");
                });
    }

    @Test
    void aCityWithoutDaneCodeIsRefusedBeforeAnyCall() {
        var shipment = TestShipments.colombian("PED-1", "standard");
        var recipient = new Address("Carolina Ríos", null, List.of("Carrera 7"), "Bogotá", null, "110111", "CO", null, null);
        var bad = new io.waybill.contracts.ShipmentValidated(shipment.shipmentId(), shipment.tenantId(), "PED-1",
                shipment.sender(), recipient, shipment.parcels(), "coordinadora", "standard", null, "PDF", null,
                shipment.validatedAt());
        assertThatThrownBy(() -> adapter.createShipment(bad)).isInstanceOfSatisfying(CarrierException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("DANE");
        });
        assertThat(coordinadora.getAllServeEvents()).isEmpty();
    }

    @Test
    void quotesWithCotizadorCotizar() throws Exception {
        coordinadora.stubFor(post(urlEqualTo(AGS)).withRequestBody(matchingJsonPath("$.method", equalTo("Cotizador_cotizar")))
                .willReturn(okJson("""
                        {"jsonrpc":"2.0","id":1,"result":{"flete_total":18500,"flete_fijo":15000,"flete_variable":3500,
                         "peso_liquidado":3,"volumen":0.009,"peso_real":2.5,"dias_entrega":2}}""")));

        List<Quote> quotes = adapter.quote(TestShipments.colombian("PED-1", null));

        assertThat(quotes).singleElement().satisfies(q -> {
            assertThat(q.carrier()).isEqualTo("coordinadora");
            assertThat(q.service()).isEqualTo("standard");
            assertThat(q.price().amount()).isEqualByComparingTo(new BigDecimal("18500"));
            assertThat(q.price().currency()).isEqualTo("COP");
            assertThat(q.transitDays()).isEqualTo(2);
        });
        coordinadora.verify(postRequestedFor(urlEqualTo(AGS)).withRequestBody(equalToJson("""
                {"jsonrpc":"2.0","method":"Cotizador_cotizar","params":{"p":{
                  "nit":"900123456","div":"01","cuenta":"2","producto":"0","origen":"05001000","destino":"11001000",
                  "valoracion":120000,"nivel_servicio":[0],
                  "detalle":{"item":[{"ubl":0,"alto":15,"ancho":20,"largo":31,"peso":2.50,"unidades":1}]},
                  "apikey":"%s","clave":"%s"}}}""".formatted(API_KEY, CLAVE), false, true)));
    }

    @Test
    void tracksWithSeguimientoDetalladoAndLeavesUnknownCodesUnmapped() throws Exception {
        coordinadora.stubFor(post(urlEqualTo(AGS)).withRequestBody(matchingJsonPath("$.method", equalTo("Seguimiento_detallado")))
                .withRequestBody(matchingJsonPath("$.params.p.codigo_remision", equalTo("99012345678")))
                .willReturn(okJson("""
                        {"jsonrpc":"2.0","id":1,"result":{
                          "estados":[{"codigo":"1","descripcion":"GUIA GENERADA","fecha":"2025-03-01","hora":"09:10:00"},
                                     {"codigo":"4","descripcion":"EN TRANSPORTE","fecha":"2025-03-01","hora":"20:00:00"},
                                     {"codigo":"77","descripcion":"ESTADO NUEVO","fecha":"2025-03-02","hora":"07:00:00"},
                                     {"codigo":"7","descripcion":"ENTREGADA","fecha":"2025-03-02","hora":"15:45:00"}],
                          "novedades":[{"codigo":"1","descripcion":"DESTINATARIO AUSENTE","fecha":"2025-03-02","hora":"11:30:00"}]}}""")));

        List<TrackingUpdate> updates = adapter.track(List.of("99012345678"));

        assertThat(updates).extracting(TrackingUpdate::status).containsExactly(TrackingStatus.INFO_RECEIVED,
                TrackingStatus.IN_TRANSIT, TrackingStatus.EXCEPTION, TrackingStatus.DELIVERY_FAILED, TrackingStatus.DELIVERED);
        assertThat(updates).extracting(TrackingUpdate::subStatus).containsExactly(null, null, "exception.unmapped",
                "delivery_failed.recipient_absent", null);
        assertThat(updates).extracting(TrackingUpdate::carrierCode)
                .containsExactly("estado/1", "estado/4", "estado/77", "novedad/1", "estado/7");
        assertThat(updates.get(4).occurredAt()).isEqualTo(OffsetDateTime.parse("2025-03-02T15:45:00-05:00"));
        assertThat(updates.get(4).occurredAt().getOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
        coordinadora.verify(postRequestedFor(urlEqualTo(AGS))
                .withRequestBody(matchingJsonPath("$.params.p.apikey", equalTo(API_KEY)))
                .withRequestBody(matchingJsonPath("$.params.p.nit", equalTo("900123456"))));
    }

    @Test
    void voidsWithAnularGuia() throws Exception {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).withRequestBody(equalToJson("""
                {"jsonrpc":"2.0","method":"Guias_anularGuia","params":{"p":{"codigo_remision":"99012345678",
                 "usuario":"tienda.ws","clave":"%s"}}}""".formatted(CLAVE), false, true))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}")));

        adapter.voidShipment("99012345678");

        coordinadora.verify(1, postRequestedFor(urlEqualTo(GUIAS)));
    }

    @Test
    void aVoidAnsweredFalseIsARefusal() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":false}")));

        assertThatThrownBy(() -> adapter.voidShipment("99012345678")).isInstanceOfSatisfying(CarrierException.class,
                e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void programsAPickup() throws Exception {
        coordinadora.stubFor(post(urlEqualTo(AGS)).withRequestBody(matchingJsonPath("$.method", equalTo("Recogidas_programar")))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"id_recogida\":\"RC-778899\"}}")));
        var sender = TestShipments.colombian("PED-1", "standard").sender();
        var request = new PickupRequest(LocalDate.of(2025, 3, 3), LocalTime.of(9, 0), LocalTime.of(13, 0), sender,
                List.of("99012345678"), 1, 2500, "PED-1", null);

        PickupConfirmation confirmation = adapter.requestPickup(request);

        assertThat(confirmation.confirmationNumber()).isEqualTo("RC-778899");
        coordinadora.verify(postRequestedFor(urlEqualTo(AGS))
                .withRequestBody(matchingJsonPath("$.params.p.fecha_recogida", equalTo("2025-03-03")))
                .withRequestBody(matchingJsonPath("$.params.p.ciudad", equalTo("05001000"))));
    }

    @Test
    void acceptsOnlySignedWebhooks() throws Exception {
        byte[] body = """
                {"codigo_remision":"99012345678","eventos":[
                  {"tipo":"estado","codigo":"7","descripcion":"ENTREGADA","fecha":"2025-03-02","hora":"15:45:00","ciudad":"BOGOTA"},
                  {"tipo":"novedad","codigo":"99","descripcion":"NOVEDAD NUEVA","fecha":"2025-03-02","hora":"15:40:00"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        String signature = HexFormat.of().formatHex(CoordinadoraAdapter.hmac(WEBHOOK_SECRET, body));

        List<TrackingUpdate> updates = adapter.parseWebhook(body, Map.of("X-Coordinadora-Signature", signature));

        assertThat(updates).extracting(TrackingUpdate::status).containsExactly(TrackingStatus.EXCEPTION, TrackingStatus.DELIVERED);
        assertThat(updates.get(0).subStatus()).isEqualTo("exception.unmapped");
        assertThat(updates.get(1).location()).isEqualTo("BOGOTA");
        assertThatThrownBy(() -> adapter.parseWebhook(body, Map.of())).isInstanceOfSatisfying(CarrierException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> adapter.parseWebhook(body, Map.of("x-coordinadora-signature", "00ff")))
                .isInstanceOf(CarrierException.class);
    }

    @Test
    void secretsAppearNeitherInTheAccountNorInErrors() {
        coordinadora.stubFor(post(urlEqualTo(GUIAS)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"jsonrpc":"2.0","id":1,"error":{"code":401,"message":"clave %s / %s rechazada"}}"""
                        .formatted(PASSWORD, API_KEY))));

        assertThat(account.toString()).doesNotContain(PASSWORD, API_KEY, WEBHOOK_SECRET);
        assertThatThrownBy(() -> adapter.createShipment(TestShipments.colombian("PED-1", "standard")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).doesNotContain(PASSWORD, API_KEY).contains("rechazada");
                });
    }

    @Test
    void missingCredentialsAreNamedWhenTheAdapterIsMade() {
        assertThatThrownBy(() -> new CoordinadoraAdapter(CarrierAccount.of("coordinadora", Map.of("nit", "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs the setting 'password'");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
