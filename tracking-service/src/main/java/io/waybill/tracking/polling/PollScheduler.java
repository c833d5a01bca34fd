package io.waybill.tracking.polling;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.waybill.carriers.spi.CarrierAdapter;
import io.waybill.carriers.spi.CarrierException;
import io.waybill.carriers.spi.TrackingUpdate;
import io.waybill.contracts.TrackingStatus;
import io.waybill.eventstore.Transactions;
import io.waybill.tracking.carriers.Carriers;
import io.waybill.tracking.tracking.Tracking;
import io.waybill.tracking.tracking.TrackingCommands;
import io.waybill.tracking.webhooks.CarrierEventIntake;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Polls carriers for the trackings that are due. A tick claims up to {@code waybill.polling.batch-size}
 * due rows of {@code poll_schedule} ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work) by
 * pushing their next poll a lease ahead, and commits; then, per carrier, calls {@code track} in chunks
 * of the carrier's {@code maxTrackBatch()}, records every update through {@link CarrierEventIntake}
 * (source POLL; the decider drops what a webhook already brought) and reschedules each tracking by its
 * status ({@link PollPolicy}). Carrier errors back off. Only due rows are read (partial index on
 * {@code next_poll_at}), so a tick costs what is due, not what is tracked.
 */
@ApplicationScoped
public class PollScheduler {

    private static final Logger LOG = Logger.getLogger(PollScheduler.class);

    private final AgroalDataSource dataSource;
    private final Carriers carriers;
    private final CarrierEventIntake intake;
    private final TrackingCommands commands;
    private final PollingConfig config;
    private final PollPolicy policy;
    private final CarrierThrottle throttle;

    public PollScheduler(AgroalDataSource dataSource, Carriers carriers, CarrierEventIntake intake, TrackingCommands commands,
            PollingConfig config, CarrierThrottle throttle) {
        this.dataSource = dataSource;
        this.carriers = carriers;
        this.intake = intake;
        this.commands = commands;
        this.config = config;
        this.policy = config.policy();
        this.throttle = throttle;
    }

    record Due(String carrier, String trackingNumber, int attempts, boolean finalSeen, TrackingStatus lastStatus) {
    }

    @Scheduled(identity = "tracking-poll", every = "${waybill.polling.every:30s}", delayed = "${waybill.polling.delay:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Polling tick failed", e);
        }
    }

    /** One tick: claims and polls what is due; returns how many trackings it claimed. */
    public int tick() {
        List<Due> due = Transactions.inTransaction(dataSource, this::claim);
        Map<String, List<Due>> byCarrier = new LinkedHashMap<>();
        due.forEach(d -> byCarrier.computeIfAbsent(d.carrier(), k -> new ArrayList<>()).add(d));
        // Carriers in parallel: a slow or throttled carrier does not hold up the others.
        try (ExecutorService perCarrier = Executors.newVirtualThreadPerTaskExecutor()) {
            byCarrier.forEach((carrier, mine) -> perCarrier.submit(() -> poll(carrier, mine)));
        }
        if (!due.isEmpty()) {
            LOG.debugf("Polled %d trackings of %d carriers", due.size(), byCarrier.size());
        }
        return due.size();
    }

    private void poll(String carrier, List<Due> due) {
        Optional<CarrierAdapter> adapter = carriers.find(carrier);
        if (adapter.isEmpty()) {
            for (Due d : due) {
                failed(d, policy.interval(d.lastStatus()), "carrier " + carrier + " is not installed", false);
            }
            return;
        }
        int size = Math.max(1, adapter.get().maxTrackBatch());
        for (int from = 0; from < due.size(); from += size) {
            List<Due> chunk = due.subList(from, Math.min(due.size(), from + size));
            Optional<Instant> paused = throttle.pausedUntil(carrier);
            if (paused.isPresent()) {
                // throttled by the carrier earlier in this tick: the rest waits for its Retry-After, no attempt counted
                for (Due d : chunk) {
                    failed(d, Duration.between(Instant.now(), paused.get()), "waiting for " + carrier + "'s Retry-After", false);
                }
                continue;
            }
            List<TrackingUpdate> updates;
            try {
                updates = throttle.call(carrier, () -> adapter.get().track(chunk.stream().map(Due::trackingNumber).toList()));
            } catch (CarrierException e) {
                if (e.retryAfter().isPresent() || e.code() != null && e.code().endsWith("_HTTP_429")) {
                    Duration wait = e.retryAfter().orElse(config.throttledPause());
                    throttle.pause(carrier, Instant.now().plus(wait));
                    LOG.warnf("%s throttles polling (429): paused for %s", carrier, wait);
                    for (Due d : chunk) {
                        failed(d, wait, e.code() + ": " + e.getMessage(), false);
                    }
                    continue;
                }
                LOG.warnf("Polling %s failed (%s, %s): %s", carrier, e.code(), e.retryable() ? "retryable" : "refused",
                        e.getMessage());
                for (Due d : chunk) {
                    failed(d, e.retryable() ? policy.backoff(d.attempts() + 1) : policy.interval(d.lastStatus()),
                            e.code() + ": " + e.getMessage(), true);
                }
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Due d : due.subList(from, due.size())) {
                    failed(d, Duration.ZERO, "polling interrupted", false);
                }
                return;
            } catch (Exception e) {
                LOG.errorf(e, "Polling %s failed unexpectedly", carrier);
                for (Due d : chunk) {
                    failed(d, policy.backoff(d.attempts() + 1), e.getClass().getSimpleName(), true);
                }
                continue;
            }
            Map<String, List<TrackingUpdate>> byNumber = new LinkedHashMap<>();
            updates.forEach(u -> byNumber.computeIfAbsent(u.trackingNumber(), k -> new ArrayList<>()).add(u));
            for (Due d : chunk) {
                List<TrackingUpdate> mine = byNumber.getOrDefault(d.trackingNumber(), List.of()).stream()
                        .sorted(Comparator.comparing(TrackingUpdate::occurredAt)).toList();
                try {
                    Transactions.inTransaction(dataSource, c -> {
                        for (TrackingUpdate u : mine) {
                            intake.record(c, carrier, u, CarrierEventIntake.POLL);
                        }
                        Tracking tracking = commands.load(c, carrier, d.trackingNumber());
                        PollPolicy.Next next = policy.afterPoll(tracking.status(), d.finalSeen());
                        polled(c, d, tracking.status(), next);
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Recording polled events of %s %s failed", carrier, d.trackingNumber());
                    failed(d, policy.backoff(d.attempts() + 1), e.getClass().getSimpleName(), true);
                }
            }
        }
    }

    private List<Due> claim(Connection c) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement("""
                UPDATE poll_schedule p SET next_poll_at = now() + (? * interval '1 millisecond')
                  FROM (SELECT carrier, tracking_number FROM poll_schedule
                         WHERE next_poll_at <= now() AND carrier <> ALL (?)
                         ORDER BY next_poll_at LIMIT ? FOR UPDATE SKIP LOCKED) d
                 WHERE p.carrier = d.carrier AND p.tracking_number = d.tracking_number
                RETURNING p.carrier, p.tracking_number, p.attempts, p.final_seen, p.last_status
                """)) {
            claim.setLong(1, config.lease().toMillis());
            claim.setArray(2, c.createArrayOf("text", throttle.paused().toArray()));
            claim.setInt(3, config.batchSize());
            List<Due> due = new ArrayList<>();
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(5);
                    due.add(new Due(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                            status == null ? null : TrackingStatus.valueOf(status)));
                }
            }
            return due;
        }
    }

    private void polled(Connection c, Due d, TrackingStatus status, PollPolicy.Next next) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE poll_schedule SET next_poll_at = ?, attempts = 0, last_status = ?, final_seen = ?,
                       last_polled_at = now(), last_error = NULL
                 WHERE carrier = ? AND tracking_number = ?
                """)) {
            update.setTimestamp(1, next.stop() ? null : at(next.delay()));
            update.setString(2, status == null ? null : status.name());
            update.setBoolean(3, next.finalSeen());
            update.setString(4, d.carrier());
            update.setString(5, d.trackingNumber());
            update.executeUpdate();
        }
    }

    private void failed(Due d, Duration delay, String error, boolean countAttempt) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE poll_schedule SET next_poll_at = ?, attempts = attempts + ?, last_polled_at = now(),
                           last_error = ?
                     WHERE carrier = ? AND tracking_number = ?
                    """)) {
                update.setTimestamp(1, at(delay));
                update.setInt(2, countAttempt ? 1 : 0);
                update.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
                update.setString(4, d.carrier());
                update.setString(5, d.trackingNumber());
                update.executeUpdate();
            }
            return null;
        });
    }

    private Timestamp at(Duration delay) {
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        return Timestamp.from(Instant.now().plus(policy.jittered(delay, ThreadLocalRandom.current().nextDouble())));
    }
}
