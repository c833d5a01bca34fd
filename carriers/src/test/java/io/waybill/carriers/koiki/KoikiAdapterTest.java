package io.waybill.carriers.koiki;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import io.waybill.carriers.spi.TestShipments;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.TrackingStatus;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Koiki stood in by WireMock, with the payloads of Koiki's public integration material. */
class KoikiAdapterTest {

    private static final String TOKEN = "test-koiki-token-placeholder";
    private static final String ALTA = "/rekis/api/altaEnvios";
    private static final String TRACK = "/kis/api/v1/service/track/see";
    private static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4 koiki".getBytes(StandardCharsets.US_ASCII));

    private WireMockServer koiki;
    private CarrierAccount account;
    private CarrierAdapter adapter;

    @BeforeEach
    void start() {
        koiki = new WireMockServer(options().dynamicPort());
        koiki.start();
        account = CarrierAccount.of("koiki", Map.of("token", TOKEN, "baseUrl", koiki.baseUrl(),
                "trackingBaseUrl", koiki.baseUrl(), "timeoutMs", "1000"));
        adapter = ServiceLoader.load(CarrierAdapterFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.code().equals("koiki")).findFirst().orElseThrow().create(account);
    }

    @AfterEach
    void stop() {
        koiki.stop();
    }

    @Test
    void createsAShipmentWithKoikisFieldNamesAndKeepsItsLabel() throws Exception {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(okJson("""
                {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"ORD-1001",
                 "codBarras":"KOI0012345678","etiqueta":"%s"}]}""".formatted(PDF))));

        CarrierShipment booked = adapter.createShipment(TestShipments.spanish("ORD-1001", "24H"));

        assertThat(booked.trackingNumber()).isEqualTo("KOI0012345678");
        assertThat(booked.parcelTrackingNumbers()).containsExactly("KOI0012345678", "KOI0012345678");
        assertThat(new String(booked.carrierLabelPdf(), StandardCharsets.US_ASCII)).startsWith("%PDF");
        koiki.verify(postRequestedFor(urlEqualTo(ALTA))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"token":"%s","formatoEtiqueta":"PDF","envios":[{
                          "numPedido":"ORD-1001","bultos":2,"kilos":2.00,"tipoServicio":"24H","reembolso":0,
                          "nombreRemi":"Lucía","apellidoRemi":"Martín Pérez","direccionRemi":"Calle Mayor",
                          "numeroCalleRemi":"12","codPostalRemi":"28013","poblacionRemi":"Madrid","provinciaRemi":"Madrid",
                          "paisRemi":"ES","emailRemi":"tienda@example.com","telefonoRemi":"600111222",
                          "nombreDesti":"Jordi","apellidoDesti":"Puig Serra","direccionDesti":"Carrer de Mallorca",
                          "numeroCalleDesti":"401","direccionAdicionalDesti":"3º 2ª","codPostalDesti":"08013",
                          "poblacionDesti":"Barcelona","provinciaDesti":"Barcelona","paisDesti":"ES",
                          "telefonoDesti":"611222333","emailDesti":"jordi@example.com"}]}""".formatted(TOKEN), false, true))
                .withRequestBody(matchingJsonPath("$.envios[0].observaciones")));
        assertThat(koiki.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("devolucion");
    }

    @Test
    void aReturnIsMarkedAsDevolucion() throws Exception {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(okJson("""
                {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"101","numPedido":"RET-1","codBarras":"KOI9","etiqueta":""}]}""")));

        adapter.createReturnShipment(TestShipments.spanish("RET-1", "24H"), "ORD-1001");

        koiki.verify(postRequestedFor(urlEqualTo(ALTA)).withRequestBody(matchingJsonPath("$.envios[0].devolucion", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.envios[0].numPedidoOriginal", equalTo("ORD-1001"))));
    }

    @Test
    void aRefusalIsNotRetryableAndCarriesKoikisMessage() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(okJson("""
                {"respuesta":"102","mensaje":"ERROR IN THE RECEIVED DATA"}""")));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("ERROR IN THE RECEIVED DATA");
                });
    }

    @Test
    void aRefusalOfTheEnvioIsNotRetryableEither() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(okJson("""
                {"respuesta":"101","mensaje":"OK","envios":[{"respuesta":"102","numPedido":"ORD-1","mensaje":"CODIGO POSTAL INCORRECTO"}]}""")));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("CODIGO POSTAL INCORRECTO");
                });
    }

    @Test
    void serviceUnavailableIsRetryable() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(aResponse().withStatus(503).withBody("<html>maintenance</html>")));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.outcomeUnknown()).as("Koiki answered: nothing was booked").isFalse();
                    assertThat(e.code()).isEqualTo("KOIKI_HTTP_503");
                });
    }

    @Test
    void aConnectionResetLeavesTheOutcomeUnknown() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isTrue();
                });
        assertThat(adapter.honoursIdempotencyKey()).as("Koiki documents no idempotency key").isFalse();
    }

    @Test
    void aClosedPortMeansNothingWasSent() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CarrierAdapter unreachable = ServiceLoader.load(CarrierAdapterFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.code().equals("koiki")).findFirst().orElseThrow()
                .create(CarrierAccount.of("koiki", Map.of("token", TOKEN, "baseUrl", "http://127.0.0.1:" + closedPort)));

        assertThatThrownBy(() -> unreachable.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.outcomeUnknown()).isFalse();
                });
    }

    @Test
    void aTimeoutIsRetryable() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(okJson("{}").withFixedDelay(3000)));

        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.outcomeUnknown()).as("Koiki may have booked before the timeout").isTrue();
                    assertThat(e.code()).isEqualTo("KOIKI_TIMEOUT");
                });
    }

    @Test
    void trackingMapsKoikisCodesAndLeavesUnknownOnesUnmapped() throws Exception {
        koiki.stubFor(post(urlEqualTo(TRACK)).withRequestBody(equalToJson("""
                {"token":"%s","code":"KOI0012345678"}""".formatted(TOKEN))).willReturn(okJson("""
                {"result":[
                  {"servicio":"24H","codEstado":"Pendiente de llegada","date":"2021-07-24T18:02:11+0000","code":100},
                  {"servicio":"24H","codEstado":"Ausente","date":"2021-07-25T11:15:00+0000","code":111},
                  {"servicio":"24H","codEstado":"Nuevo estado","date":"2021-07-26T08:00:00+0000","code":777},
                  {"servicio":"24H","codEstado":"Envío entregado","date":"2021-07-26T09:49:37+0000","code":108}]}""")));

        List<TrackingUpdate> updates = adapter.track(List.of("KOI0012345678"));

        assertThat(updates).extracting(TrackingUpdate::status).containsExactly(TrackingStatus.INFO_RECEIVED,
                TrackingStatus.DELIVERY_FAILED, TrackingStatus.EXCEPTION, TrackingStatus.DELIVERED);
        assertThat(updates).extracting(TrackingUpdate::subStatus).containsExactly("info_received.awaiting_parcel",
                "delivery_failed.recipient_absent", "exception.unmapped", null);
        TrackingUpdate delivered = updates.get(3);
        assertThat(delivered.carrier()).isEqualTo("koiki");
        assertThat(delivered.carrierCode()).isEqualTo("108");
        assertThat(delivered.description()).isEqualTo("Envío entregado");
        assertThat(delivered.occurredAt()).isEqualTo(OffsetDateTime.parse("2021-07-26T09:49:37Z"));
        assertThat(updates.get(2).carrierCode()).isEqualTo("777");
    }

    @Test
    void trackingAnUnknownCodeIsARefusal() {
        koiki.stubFor(post(urlEqualTo(TRACK)).willReturn(okJson("""
                {"error":{"code":101,"message":"CODE NOT FOUND"}}""")));

        assertThatThrownBy(() -> adapter.track(List.of("NOPE")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("CODE NOT FOUND");
                });
    }

    @Test
    void koikiTracksOneNumberPerCall() {
        assertThat(adapter.maxTrackBatch()).isEqualTo(1);
        assertThatThrownBy(() -> adapter.track(List.of("A", "B"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voidingIsUnsupportedAndSaysSo() {
        assertThatThrownBy(() -> adapter.voidShipment("KOI0012345678"))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("KOIKI_UNSUPPORTED");
                });
        assertThat(koiki.getAllServeEvents()).isEmpty();
    }

    @Test
    void aBadTokenFailsTheCredentialCheck() {
        koiki.stubFor(post(urlEqualTo(ALTA)).withRequestBody(matchingJsonPath("$.envios.length()", equalTo("0")))
                .willReturn(okJson("""
                        {"respuesta":"102","mensaje":"TOKEN NOT FOUND"}""")));

        assertThatThrownBy(adapter::verifyCredentials).isInstanceOfSatisfying(CarrierException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("TOKEN NOT FOUND");
        });
    }

    @Test
    void theTokenAppearsNeitherInTheAccountNorInErrors() {
        koiki.stubFor(post(urlEqualTo(ALTA)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"respuesta\":\"102\",\"mensaje\":\"TOKEN " + TOKEN + " NOT FOUND\"}")));

        assertThat(account.toString()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> adapter.createShipment(TestShipments.spanish("ORD-1", "24H")))
                .isInstanceOfSatisfying(CarrierException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("TOKEN *** NOT FOUND");
                });
    }

    @Test
    void aMissingTokenIsNamedWhenTheAdapterIsMade() {
        assertThatThrownBy(() -> new KoikiAdapter(CarrierAccount.of("koiki", Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }
}
