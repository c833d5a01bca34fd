package io.waybill.fulfillment.partners.ongoing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.contracts.Address;
import io.waybill.contracts.StockLevel;
import io.waybill.fulfillment.partners.spi.CancelledOrder;
import io.waybill.fulfillment.partners.spi.Exchange;
import io.waybill.fulfillment.partners.spi.FulfillmentPartner;
import io.waybill.fulfillment.partners.spi.OpenOrder;
import io.waybill.fulfillment.partners.spi.PartnerAccount;
import io.waybill.fulfillment.partners.spi.PartnerException;
import io.waybill.fulfillment.partners.spi.PartnerMessage;
import io.waybill.fulfillment.partners.spi.PartnerOrder;
import io.waybill.fulfillment.partners.spi.PartnerUpdate;
import io.waybill.fulfillment.partners.spi.PartnerUpdate.Step;
import io.waybill.fulfillment.partners.spi.SentOrder;
import io.waybill.fulfillment.partners.spi.StockReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ongoing WMS over its REST API ({@code https://api.ongoingsystems.se/<warehouse>/api/v1}, HTTP Basic,
 * {@code goodsOwnerId} on every call).
 * <ul>
 * <li>send: {@code PUT /orders} (upsert by {@code orderNumber} = the shipment id) with consignee, order lines
 * by article number (the SKU), way of delivery and transporter from the merchant's carrier and service;
 * answer {@code {orderId, message}}: the orderId is our partner reference.</li>
 * <li>cancel: {@code DELETE /orders/{orderId}} ("Cancel an order using the orderId" in Ongoing's public example
 * requests; not in our CARRIERS.md notes); confirmed by its 2xx answer, refused (e.g. already sent) by a 4xx.</li>
 * <li>poll: {@code GET /orders/{orderId}}: {@code orderInfo.orderNumber}, {@code orderInfo.orderStatus.number},
 * {@code tracking[].waybill} (else {@code orderInfo.wayBill}), {@code transporter.code}/{@code serviceCode}.</li>
 * <li>callbacks: Ongoing's order webhook; its payload is not public. Assumed shape (as public integrations
 * read it): {@code {orderId, orderNumber (or goodsOwnerOrderId), goodsOwnerId, orderStatus{number, text},
 * tracking[{waybill, trackingUrl, isReturnTracking}], wayBill?, transporter{code or transporterCode}?, timestamp}}, authenticated by
 * a shared token in header {@code X-Auth-Token} (assumed; configure it in Ongoing's webhook settings).</li>
 * <li>stock: {@code GET /articles?goodsOwnerId=..} ({@code inventoryInfo.numberOfItems},
 * {@code sellableNumberOfItems}, {@code allocatedNumberOfItems}); one page of {@code maxArticles}.</li>
 * </ul>
 * Settings: {@code baseUrl}, {@code username}, {@code password}, {@code goodsOwnerId}, {@code callbackToken},
 * {@code warehouse} (the name stock reports carry, default {@code main}), {@code defaultCarrier} (when Ongoing
 * names no transporter, default {@code ongoing}), {@code maxArticles} (default 500), {@code timeoutMs}.
 */
public class OngoingPartner implements FulfillmentPartner {

    static final String CODE = "ongoing";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(OngoingPartner.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PartnerAccount account;
    private final String baseUrl;
    private final String authorization;
    private final String goodsOwnerId;
    private final Duration timeout;
    private final HttpClient client;

    OngoingPartner(PartnerAccount account) {
        this.account = account;
        this.baseUrl = stripSlash(account.require("baseUrl"));
        this.goodsOwnerId = account.require("goodsOwnerId");
        if (!goodsOwnerId.matches("[0-9]+")) {
            throw new IllegalArgumentException("Ongoing setting 'goodsOwnerId' must be a number");
        }
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((account.require("username") + ":"
                + account.require("password")).getBytes(StandardCharsets.UTF_8));
        this.timeout = Duration.ofMillis(Long.parseLong(account.get("timeoutMs", "10000")));
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(Long.parseLong(account.get("connectTimeoutMs",
                "5000")))).build();
    }

    @Override
    public String code() {
        return CODE;
    }

    @Override
    public SentOrder sendOrder(PartnerOrder order) throws PartnerException {
        JsonNode answer = call("PUT", "/orders", orderBody(order));
        JsonNode orderId = answer.path("orderId");
        if (!orderId.canConvertToLong()) {
            throw new PartnerException("ONGOING_BAD_RESPONSE", "Ongoing answered PUT /orders without an orderId", true);
        }
        return new SentOrder(orderId.asText(), Exchange.call("PUT /orders", "orderId " + orderId.asText()
                + text(answer, "message").map(m -> ": " + m).orElse("")));
    }

    @Override
    public CancelledOrder cancelOrder(PartnerOrder order, String partnerReference, String reason) throws PartnerException {
        // "Cancel an order using the orderId" in Ongoing's public examples; by order number when no orderId is known.
        String path = partnerReference != null ? "/orders/" + partnerReference
                : "/orders?goodsOwnerId=" + goodsOwnerId + "&orderNumber=" + URLEncoder.encode(order.orderNumber(), StandardCharsets.UTF_8);
        JsonNode answer = call("DELETE", path, null);
        return new CancelledOrder(true, Exchange.call("DELETE " + path.replaceAll("\\?.*", ""), "cancelled"
                + text(answer, "message").map(m -> ": " + account.redact(m)).orElse("")));
    }

    @Override
    public List<PartnerMessage> poll(List<OpenOrder> open) throws PartnerException {
        List<PartnerMessage> messages = new ArrayList<>();
        for (OpenOrder order : open) {
            if (order.partnerReference() == null) {
                continue;
            }
            String path = "/orders/" + order.partnerReference();
            JsonNode answer;
            try {
                answer = call("GET", path, null);
            } catch (PartnerException e) {
                if (e.retryable()) {
                    throw e; // Ongoing is down: the next poll asks again
                }
                LOG.warning(() -> "Ongoing answered " + e.code() + " for order " + order.orderNumber() + "; asking again next poll");
                continue; // one order Ongoing cannot show must not stop the others being followed
            }
            JsonNode info = answer.path("orderInfo");
            // orderNumber is what we sent; goodsOwnerOrderId is another field of Ongoing's (the goods owner's own id).
            String number = text(info, "orderNumber").orElse(order.orderNumber());
            if (!number.equals(order.orderNumber())) {
                messages.add(PartnerMessage.malformed("GET " + path, "Ongoing order " + order.partnerReference()
                        + " is order number " + number + ", expected " + order.orderNumber()));
                continue;
            }
            messages.add(PartnerMessage.of("GET " + path, List.of(update(order.orderNumber(), info.path("orderStatus"),
                    answer.path("tracking"), text(info, "wayBill"), answer.path("transporter"), "POLL",
                    OffsetDateTime.now(ZoneOffset.UTC)))));
        }
        return messages;
    }

    @Override
    public List<PartnerUpdate> parseCallback(byte[] body, Map<String, String> headers) throws PartnerException {
        String expected = account.get("callbackToken").orElseThrow(() -> new PartnerException("ONGOING_UNAUTHORIZED",
                "No callbackToken is configured: Ongoing callbacks are refused", false));
        String given = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Auth-Token"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw new PartnerException("ONGOING_UNAUTHORIZED", "Missing or wrong X-Auth-Token", false);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            throw new PartnerException("ONGOING_MALFORMED", "The callback body is not JSON", false);
        }
        if (payload == null || !payload.path("orderStatus").path("number").canConvertToInt()) {
            throw new PartnerException("ONGOING_MALFORMED", "The callback has no orderStatus.number", false);
        }
        if (!goodsOwnerId.equals(payload.path("goodsOwnerId").asText())) {
            throw new PartnerException("ONGOING_MALFORMED", "The callback is for another goods owner", false);
        }
        String number = text(payload, "orderNumber").or(() -> text(payload, "goodsOwnerOrderId"))
                .orElseThrow(() -> new PartnerException("ONGOING_MALFORMED", "The callback names no order number", false));
        OffsetDateTime at = text(payload, "timestamp").map(OngoingPartner::time).orElse(OffsetDateTime.now(ZoneOffset.UTC));
        return List.of(update(number, payload.path("orderStatus"), payload.path("tracking"), text(payload, "wayBill"),
                payload.path("transporter"), "WEBHOOK", at));
    }

    @Override
    public Optional<StockReport> stockLevels() throws PartnerException {
        String path = "/articles?goodsOwnerId=" + goodsOwnerId + "&maxArticlesToGet=" + account.get("maxArticles", "500");
        JsonNode answer = call("GET", path, null);
        List<StockLevel> levels = new ArrayList<>();
        for (JsonNode article : answer) {
            Optional<String> sku = text(article, "articleNumber");
            JsonNode inventory = article.path("inventoryInfo");
            if (sku.isEmpty() || !inventory.path("numberOfItems").canConvertToInt()) {
                continue;
            }
            levels.add(new StockLevel(sku.get(), Math.max(0, inventory.path("numberOfItems").asInt()),
                    count(inventory, "sellableNumberOfItems"), count(inventory, "allocatedNumberOfItems")));
        }
        return levels.isEmpty() ? Optional.empty()
                : Optional.of(new StockReport(account.get("warehouse", "main"), levels, OffsetDateTime.now(ZoneOffset.UTC),
                        "GET /articles"));
    }

    /**
     * One order's status as Ongoing shows it. Tracking numbers: {@code tracking[].waybill} without the return ones
     * ({@code isReturnTracking}, as {@code PUT /orders/{id}/orderTracking} writes them), else {@code orderInfo.wayBill}.
     * Carrier: the order's {@code transporter} as {@code GET /orders/{id}} shows it ({@code code}, {@code serviceCode});
     * {@code transporterCode}/{@code transporterServiceCode}, the names {@code PUT /orders} uses, are read too.
     */
    private PartnerUpdate update(String orderNumber, JsonNode status, JsonNode tracking, Optional<String> wayBill,
            JsonNode transporter, String source, OffsetDateTime at) {
        int number = status.path("number").asInt();
        String text = text(status, "text").orElse("Ongoing status " + number);
        Step step = OngoingStatusCodes.step(number);
        List<String> waybills = new ArrayList<>();
        for (JsonNode t : tracking) {
            if (!t.path("isReturnTracking").asBoolean(false) && !t.path("isReturn").asBoolean(false)) {
                text(t, "waybill").filter(w -> !waybills.contains(w)).ifPresent(waybills::add);
            }
        }
        if (waybills.isEmpty()) {
            wayBill.ifPresent(waybills::add);
        }
        if (step == Step.SHIPPED && waybills.isEmpty()) {
            step = Step.PACKED; // sent without a waybill yet: it follows in a later status
        }
        if (step != Step.SHIPPED) {
            return PartnerUpdate.step(orderNumber, step, String.valueOf(number), text, at, source);
        }
        String carrier = text(transporter, "code").or(() -> text(transporter, "transporterCode")).map(String::toLowerCase)
                .orElse(account.get("defaultCarrier", CODE));
        String service = text(transporter, "serviceCode").or(() -> text(transporter, "transporterServiceCode")).orElse(null);
        return new PartnerUpdate(orderNumber, step, String.valueOf(number), text, carrier, service, waybills.get(0), waybills, at,
                source);
    }

    private ObjectNode orderBody(PartnerOrder order) {
        ObjectNode body = JSON.createObjectNode();
        body.put("goodsOwnerId", Long.parseLong(goodsOwnerId));
        body.put("orderNumber", order.orderNumber());
        // A date, as in Ongoing's examples ("2019-10-10"): the warehouse ships as soon as it can.
        body.put("deliveryDate", order.validatedAt().toLocalDate().toString());
        // The merchant's reference, so warehouse staff can find the order by it (referenceNumber in Ongoing's examples).
        body.put("referenceNumber", order.orderReference());
        Address to = order.consignee();
        ObjectNode consignee = body.putObject("consignee");
        consignee.put("name", to.company() == null ? to.name() : to.name() + ", " + to.company());
        for (int i = 0; i < Math.min(3, to.lines().size()); i++) {
            consignee.put("address" + (i + 1), to.lines().get(i));
        }
        if (to.postalCode() != null) {
            consignee.put("postCode", to.postalCode());
        }
        consignee.put("city", to.city());
        consignee.put("countryCode", to.country());
        if (to.email() != null) {
            body.putObject("emailNotification").put("toBeNotified", true).put("value", to.email());
        }
        if (to.phone() != null) {
            body.putObject("smsNotification").put("toBeNotified", true).put("value", to.phone());
        }
        ArrayNode lines = body.putArray("orderLines");
        for (PartnerOrder.OrderLine line : order.lines()) {
            lines.addObject().put("rowNumber", String.valueOf(line.rowNumber())).put("articleNumber", line.articleNumber())
                    .put("numberOfItems", line.numberOfItems());
        }
        if (order.carrier() != null) {
            String wayOfDelivery = order.service() == null ? order.carrier() : order.carrier() + "-" + order.service();
            body.putObject("wayOfDelivery").put("code", wayOfDelivery);
            ObjectNode transporter = body.putObject("transporter").put("transporterCode", order.carrier());
            if (order.service() != null) {
                transporter.put("transporterServiceCode", order.service());
            }
        }
        return body;
    }

    private JsonNode call(String method, String path, JsonNode body) throws PartnerException {
        String separator = path.contains("?") ? "&" : "?";
        String url = baseUrl + path + (path.contains("goodsOwnerId") ? "" : separator + "goodsOwnerId="
                + URLEncoder.encode(goodsOwnerId, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + path.replaceAll("\\?.*", "");
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new PartnerException("ONGOING_TIMEOUT", "No answer from Ongoing within " + timeout.toMillis() + " ms (" + what
                    + ")", true, e);
        } catch (IOException e) {
            throw new PartnerException("ONGOING_UNAVAILABLE", "Cannot reach Ongoing (" + what + "): "
                    + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException("ONGOING_INTERRUPTED", "Interrupted while calling Ongoing", true, e);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        String message = text(answer, "message").map(account::redact).orElse("");
        if (status == 429 || status >= 500) {
            throw new PartnerException("ONGOING_HTTP_" + status, "Ongoing answered HTTP " + status + " to " + what
                    + (message.isEmpty() ? "" : ": " + message), true);
        }
        if (status >= 300) {
            throw new PartnerException("ONGOING_HTTP_" + status, message.isEmpty()
                    ? "Ongoing refused " + what + " with HTTP " + status : message, false);
        }
        return answer;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Integer count(JsonNode node, String field) {
        return node.path(field).canConvertToInt() ? Math.max(0, node.path(field).asInt()) : null;
    }

    /** Ongoing writes times with 7 fractional digits and sometimes without an offset (then UTC). */
    private static OffsetDateTime time(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (RuntimeException e) {
            return java.time.LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
