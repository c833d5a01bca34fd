package io.waybill.gateway.track;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.waybill.gateway.platform.Problem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The public tracking page, {@code GET /track/{trackingNumber}?postalCode=...}: server-rendered HTML for
 * people, the same content as JSON for {@code Accept: application/json}. No login; the delivery postal
 * code stands in for one. An unknown number, a wrong code and a missing code get one and the same 404, so
 * that numbers cannot be probed.
 */
@Path("/track")
public class TrackingPage {

    static final String NOT_FOUND_DETAIL = "No parcel matches this tracking number and postal code";
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
    /** HTML first: a client that accepts anything (curl's default) gets the page. */
    private static final List<Variant> VARIANTS = Variant.mediaTypes(MediaType.TEXT_HTML_TYPE, JSON).build();
    private static final SecureRandom NONCES = new SecureRandom();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance parcel(TrackedParcel parcel, Locale locale, String nonce, List<LanguageLink> languages);

        static native TemplateInstance notFound(String trackingNumber, Locale locale, String nonce, List<LanguageLink> languages);
    }

    /** A link to this page in another language (same number and postal code). */
    public record LanguageLink(String tag, String name, String href, boolean current) {
    }

    private final TrackingLookup lookup;

    public TrackingPage(TrackingLookup lookup) {
        this.lookup = lookup;
    }

    @GET
    @Path("/{trackingNumber}")
    @Operation(summary = "Public tracking of one parcel (HTML page, or JSON with Accept: application/json)")
    public Response track(@PathParam("trackingNumber") String trackingNumber,
            @Parameter(description = "Postal code of the delivery address (case, spaces and hyphens ignored)")
            @QueryParam("postalCode") String postalCode,
            @Parameter(description = "en, es, pt, fr or sv; overrides Accept-Language") @QueryParam("lang") String lang,
            @Context HttpHeaders headers, @Context Request request) {
        Locale locale = PageLanguage.resolve(lang, headers.getAcceptableLanguages());
        Variant variant = request.selectVariant(VARIANTS);
        boolean json = variant != null && JSON.isCompatible(variant.getMediaType());
        var parcel = lookup.find(trackingNumber, postalCode);
        if (json) {
            return secured(parcel.isPresent()
                    ? Response.ok(TrackingJson.of(parcel.get(), locale, messages(locale)), JSON)
                    : Response.status(404).type(Problem.MEDIA_TYPE)
                            .entity(Problem.of(404, "tracking-not-found", "Not found", NOT_FOUND_DETAIL).toBuffer().toString()),
                    locale, null);
        }
        String nonce = nonce();
        // The not-found page does not repeat the code typed: it asks for it again, in any language.
        TemplateInstance page = parcel.isPresent()
                ? Templates.parcel(parcel.get(), locale, nonce, languageLinks(trackingNumber, postalCode, locale))
                : Templates.notFound(trackingNumber, locale, nonce, languageLinks(trackingNumber, null, locale));
        String html = page.setLocale(locale).render();
        return secured(Response.status(parcel.isPresent() ? 200 : 404).type(HTML).entity(html), locale, nonce);
    }

    /**
     * No third-party anything: the page loads nothing but itself (its one inline style block carries the
     * nonce), is not framed, leaks no URL (it holds the postal code) through Referer, and is not cached.
     */
    private static Response secured(Response.ResponseBuilder response, Locale locale, String styleNonce) {
        String styles = styleNonce == null ? "" : "; style-src 'nonce-" + styleNonce + "'";
        return response
                .header("Content-Security-Policy", "default-src 'none'" + styles
                        + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                // Quarkus REST adds "Vary: Accept" itself (selectVariant).
                .header("Vary", "Accept-Language")
                .header("Content-Language", locale.toLanguageTag())
                .build();
    }

    private static TrackMessages messages(Locale locale) {
        return MessageBundles.get(TrackMessages.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    private static List<LanguageLink> languageLinks(String trackingNumber, String postalCode, Locale current) {
        String base = "/track/" + URLEncoder.encode(trackingNumber, StandardCharsets.UTF_8).replace("+", "%20")
                + (postalCode == null ? "?" : "?postalCode=" + URLEncoder.encode(postalCode, StandardCharsets.UTF_8) + "&")
                + "lang=";
        return PageLanguage.SUPPORTED.stream()
                .map(locale -> {
                    String name = locale.getDisplayLanguage(locale);
                    name = name.substring(0, 1).toUpperCase(locale) + name.substring(1);
                    return new LanguageLink(locale.toLanguageTag(), name, base + locale.toLanguageTag(),
                            locale.equals(current));
                })
                .toList();
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        NONCES.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The JSON variant: status codes for programs, texts in the requested language for people. */
    public record TrackingJson(String trackingNumber, String carrier, boolean returnParcel, String language,
            String labelCreatedAt, Status status, String estimatedDelivery, List<Status> events) {

        public record Status(String code, String text, String description, String location, String occurredAt) {
        }

        static TrackingJson of(TrackedParcel parcel, Locale locale, TrackMessages messages) {
            List<Status> events = parcel.timeline().stream()
                    .map(entry -> new Status(entry.status().name(), messages.status(entry.status()), entry.description(),
                            entry.location(), iso(entry.occurredAt())))
                    .toList();
            return new TrackingJson(parcel.trackingNumber(), parcel.carrier(), parcel.returnParcel(),
                    locale.toLanguageTag(), iso(parcel.labelledAt()), events.isEmpty() ? null : events.get(0),
                    iso(parcel.estimatedDelivery()), events);
        }

        private static String iso(OffsetDateTime time) {
            return time == null ? null : time.toString();
        }
    }
}
