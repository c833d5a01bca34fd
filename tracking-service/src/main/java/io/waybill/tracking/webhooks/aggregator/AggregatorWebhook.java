package io.waybill.tracking.webhooks.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.carriers.spi.StatusTable;
import io.waybill.tracking.webhooks.SandboxWebhook;
import io.waybill.tracking.webhooks.SandboxWebhook.MalformedWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The generic aggregator push, {@code POST /webhooks/aggregator}, in either of two shapes (both from
 * the aggregators' public docs; field names as documented, our reading of them marked in docs/tracking.md):
 * <ul>
 * <li>17TRACK v2.2: {@code {"event":"TRACKING_UPDATED","data":{"number","carrier","track_info":{"tracking":
 * {"providers":[{"events":[{"time_iso","description","location","stage","sub_status"}]}]}}}}};</li>
 * <li>AfterShip: {@code {"event":"tracking_update","msg":{"tracking_number","slug","checkpoints":
 * [{"checkpoint_time","tag","subtag","message","location"}]}}}.</li>
 * </ul>
 * Each event becomes one update; its carrier code is the most specific code given (sub-status or
 * subtag, else stage or tag), normalized through the versioned {@code aggregator} table. The
 * update's carrier is left as {@code aggregator}: the intake files it under the carrier the number
 * is registered with.
 */
@ApplicationScoped
public class AggregatorWebhook {

    public static final String CARRIER = "aggregator";

    private final StatusTable table;

    public AggregatorWebhook(@ConfigProperty(name = "waybill.normalization.aggregator.version", defaultValue = "2") int version) {
        this.table = StatusTable.load(AggregatorWebhook.class, "/normalization/" + CARRIER + ".v" + version + ".properties");
    }

    /** What the current table makes of a stored code (the most specific code that was given). */
    public NormalizedStatus normalize(String code) {
        String major = code != null && code.contains("_") ? code.substring(0, code.indexOf('_')) : null;
        return table.find(code, major).orElse(NormalizedStatus.UNMAPPED);
    }

    public List<TrackingUpdate> parse(String body) throws MalformedWebhook {
        JsonNode root = SandboxWebhook.jsonObject(body);
        if (root.path("data").isObject()) {
            return seventeenTrack(root.path("data"));
        }
        if (root.path("msg").isObject()) {
            return afterShip(root.path("msg"));
        }
        throw new MalformedWebhook("neither a 17TRACK (data) nor an AfterShip (msg) push");
    }

    private List<TrackingUpdate> seventeenTrack(JsonNode data) throws MalformedWebhook {
        String number = required(data, "number", "data.number");
        // the carrier's promise, when 17TRACK has one (time_metrics.estimated_delivery_date.to, ASSUMED ISO-8601 with offset)
        OffsetDateTime promised = optionalTime(data.path("track_info").path("time_metrics").path("estimated_delivery_date"), "to");
        List<TrackingUpdate> updates = new ArrayList<>();
        JsonNode providers = data.path("track_info").path("tracking").path("providers");
        int p = 0;
        for (JsonNode provider : providers) {
            int e = 0;
            for (JsonNode event : provider.path("events")) {
                String path = "data.track_info.tracking.providers[" + p + "].events[" + e++ + "]";
                String subStatus = text(event, "sub_status");
                String stage = text(event, "stage");
                String code = subStatus != null ? subStatus : stage;
                if (code == null) {
                    throw new MalformedWebhook(path + " needs sub_status or stage");
                }
                String major = subStatus != null && subStatus.contains("_") ? subStatus.substring(0, subStatus.indexOf('_')) : null;
                updates.add(update(number, code, table.find(subStatus, major, stage), text(event, "description"),
                        text(event, "location"), time(event, "time_iso", path), promised));
            }
            p++;
        }
        return updates;
    }

    private List<TrackingUpdate> afterShip(JsonNode msg) throws MalformedWebhook {
        String number = required(msg, "tracking_number", "msg.tracking_number");
        // AfterShip's expected_delivery (ASSUMED ISO-8601 with offset; a bare date carries no offset and is left out)
        OffsetDateTime promised = optionalTime(msg, "expected_delivery");
        List<TrackingUpdate> updates = new ArrayList<>();
        int i = 0;
        for (JsonNode checkpoint : msg.path("checkpoints")) {
            String path = "msg.checkpoints[" + i++ + "]";
            String subtag = text(checkpoint, "subtag");
            String tag = text(checkpoint, "tag");
            if (subtag == null && tag == null) {
                throw new MalformedWebhook(path + " needs tag or subtag");
            }
            updates.add(update(number, subtag != null ? subtag : tag, table.find(subtag, tag), text(checkpoint, "message"),
                    text(checkpoint, "location"), time(checkpoint, "checkpoint_time", path), promised));
        }
        return updates;
    }

    private static TrackingUpdate update(String number, String code, java.util.Optional<NormalizedStatus> status,
            String description, String location, OffsetDateTime at, OffsetDateTime promised) {
        NormalizedStatus normalized = status.orElse(NormalizedStatus.UNMAPPED);
        return new TrackingUpdate(number, CARRIER, normalized, code, description == null ? code : description, location, at,
                normalized.status().isFinal() ? null : promised);
    }

    private static OffsetDateTime optionalTime(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static OffsetDateTime time(JsonNode node, String field, String path) throws MalformedWebhook {
        String value = text(node, field);
        if (value == null) {
            throw new MalformedWebhook(path + "." + field + " is required");
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedWebhook(path + "." + field + " must be an ISO-8601 date-time with offset");
        }
    }

    private static String required(JsonNode node, String field, String path) throws MalformedWebhook {
        String value = text(node, field);
        if (value == null) {
            throw new MalformedWebhook(path + " is required");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
