package io.waybill.tracking.renormalizing;

import io.agroal.api.AgroalDataSource;
import io.waybill.carriers.spi.NormalizedStatus;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.eventstore.StoredEvent;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.carriers.Carriers;
import io.waybill.tracking.recordingevents.ManualEventResource;
import io.waybill.tracking.tracking.Tracking;
import io.waybill.tracking.tracking.TrackingCommands;
import io.waybill.tracking.tracking.TrackingDecider.Remap;
import io.waybill.tracking.tracking.TrackingDecider.Renormalize;
import io.waybill.tracking.tracking.TrackingEvent;
import io.waybill.tracking.tracking.TrackingEvent.CarrierEventRecorded;
import io.waybill.tracking.tracking.TrackingEvents;
import io.waybill.tracking.webhooks.SandboxWebhook;
import io.waybill.tracking.webhooks.aggregator.AggregatorWebhook;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-applies the current mapping tables to the raw carrier codes stored in trackings' streams. Each
 * event remembers which table normalized it (the carrier's plug-in, the aggregator table, the sandbox
 * webhook table); manual events (source API) keep the status their author gave. Where the current
 * table says otherwise, a CarrierEventRemapped is appended; StatusChanged follows only where the
 * tracking's current status changes. Running it again changes nothing.
 */
@ApplicationScoped
public class Renormalization {

    public record Result(int trackings, int remapped, int statusChanged) {

        Result plus(Result other) {
            return new Result(trackings + other.trackings, remapped + other.remapped, statusChanged + other.statusChanged);
        }
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final TrackingCommands commands;
    private final Carriers carriers;
    private final AggregatorWebhook aggregator;

    public Renormalization(AgroalDataSource dataSource, EventStore store, TrackingCommands commands, Carriers carriers,
            AggregatorWebhook aggregator) {
        this.dataSource = dataSource;
        this.store = store;
        this.commands = commands;
        this.carriers = carriers;
        this.aggregator = aggregator;
    }

    /** One tracking; empty when it is not registered. */
    public Optional<Result> one(String carrier, String trackingNumber) {
        return Transactions.inTransaction(dataSource, c -> {
            Tracking tracking = commands.load(c, carrier, trackingNumber);
            return tracking.registered() ? Optional.of(apply(c, carrier, trackingNumber, tracking)) : Optional.empty();
        });
    }

    /** Every tracking, one transaction each, in pages of the projection's key order. */
    public Result all() {
        Result total = new Result(0, 0, 0);
        String[] after = {"", ""};
        while (true) {
            List<String[]> page = Transactions.inTransaction(dataSource, c -> page(c, after[0], after[1]));
            if (page.isEmpty()) {
                return total;
            }
            for (String[] key : page) {
                total = total.plus(one(key[0], key[1]).orElse(new Result(0, 0, 0)));
            }
            after[0] = page.get(page.size() - 1)[0];
            after[1] = page.get(page.size() - 1)[1];
        }
    }

    private Result apply(Connection c, String carrier, String trackingNumber, Tracking tracking) throws SQLException {
        List<Remap> remaps = new ArrayList<>();
        for (StoredEvent stored : store.load(c, TrackingEvents.streamId(carrier, trackingNumber))) {
            TrackingEvent event = TrackingEvents.CODEC.decode(stored);
            if (event instanceof CarrierEventRecorded e && !ManualEventResource.SOURCE.equals(e.source())) {
                current(e.mappingOr(carrier), e.carrierCode()).ifPresent(status -> remaps.add(new Remap(e.carrierCode(),
                        e.occurredAt(), status, e.description(), e.location(), e.source())));
            }
        }
        EventMetadata metadata = EventMetadata.of(tracking.tenantId(), tracking.shipmentId(), null)
                .with("shipmentId", tracking.shipmentId()).with("carrier", carrier);
        var decision = commands.handle(c, carrier, trackingNumber, new Renormalize(remaps, OffsetDateTime.now(ZoneOffset.UTC)),
                tracking.returnId() == null ? metadata : metadata.with("returnId", tracking.returnId()));
        int changed = (int) decision.events().stream()
                .filter(e -> e instanceof TrackingEvent.CarrierEventRemapped r && r.current()).count();
        return new Result(1, decision.events().size(), changed);
    }

    /** The current table's status for a code, by the table that normalized it; empty when no table can tell. */
    Optional<NormalizedStatus> current(String mapping, String code) {
        if (AggregatorWebhook.CARRIER.equals(mapping)) {
            return Optional.of(aggregator.normalize(code));
        }
        if (SandboxWebhook.MAPPING.equals(mapping)) {
            return Optional.of(SandboxWebhook.normalize(code));
        }
        return carriers.find(mapping).flatMap(adapter -> adapter.normalize(code));
    }

    private static List<String[]> page(Connection c, String afterCarrier, String afterNumber) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT carrier, tracking_number FROM trackings WHERE (carrier, tracking_number) > (?, ?)
                 ORDER BY carrier, tracking_number LIMIT 500
                """)) {
            select.setString(1, afterCarrier);
            select.setString(2, afterNumber);
            List<String[]> keys = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    keys.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return keys;
        }
    }
}
