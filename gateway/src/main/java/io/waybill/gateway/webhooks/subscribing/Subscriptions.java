package io.waybill.gateway.webhooks.subscribing;

import io.waybill.eventstore.Transactions;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.enterprise.context.ApplicationScoped;

/** The subscriptions table; every query is scoped to one tenant, so another tenant's id is simply not found. */
@ApplicationScoped
public class Subscriptions {

    private static final String COLUMNS = "id, url, event_types, description, created_at";

    private final DataSource dataSource;

    public Subscriptions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Subscription create(String tenant, SubscriptionRequest request, byte[] secretCiphertext) {
        // Microseconds: what PostgreSQL keeps, so the answer equals what a later GET shows.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Subscription subscription = new Subscription(UUID.randomUUID(), request.url().strip(),
                request.eventTypes().stream().distinct().toList(), request.description(), now);
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook_subscription"
                    + " (id, tenant, url, event_types, description, secret_ciphertext, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, subscription.id());
                insert.setString(2, tenant);
                insert.setString(3, subscription.url());
                insert.setArray(4, c.createArrayOf("text", subscription.eventTypes().toArray()));
                insert.setString(5, subscription.description());
                insert.setBytes(6, secretCiphertext);
                insert.setObject(7, now);
                insert.executeUpdate();
            }
            return null;
        });
        return subscription;
    }

    List<Subscription> list(String tenant) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM webhook_subscription WHERE tenant = ? ORDER BY created_at, id")) {
                select.setString(1, tenant);
                List<Subscription> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    public Optional<Subscription> find(String tenant, UUID id) {
        return Transactions.inTransaction(dataSource, c -> find(c, tenant, id));
    }

    boolean delete(String tenant, UUID id) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM webhook_subscription WHERE tenant = ? AND id = ?")) {
                delete.setString(1, tenant);
                delete.setObject(2, id);
                return delete.executeUpdate() == 1;
            }
        });
    }

    private static Optional<Subscription> find(Connection c, String tenant, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM webhook_subscription WHERE tenant = ? AND id = ?")) {
            select.setString(1, tenant);
            select.setObject(2, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static Subscription read(ResultSet row) throws SQLException {
        Array types = row.getArray("event_types");
        return new Subscription(row.getObject("id", UUID.class), row.getString("url"),
                Arrays.asList((String[]) types.getArray()), row.getString("description"),
                row.getObject("created_at", OffsetDateTime.class));
    }
}
