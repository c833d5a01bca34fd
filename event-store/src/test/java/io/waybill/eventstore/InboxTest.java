package io.waybill.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InboxTest {

    static StoreFixture fixture;
    static Inbox inbox;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new StoreFixture();
        inbox = new Inbox(fixture.dataSource);
        try (Connection c = fixture.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE applied (message_id TEXT NOT NULL, amount INT NOT NULL)");
        }
    }

    @AfterAll
    static void tearDown() {
        fixture.close();
    }

    @Test
    void aRedeliveredMessageIsAppliedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        boolean first = inbox.processOnce("stock", id, c -> apply(c, id));
        boolean second = inbox.processOnce("stock", id, c -> apply(c, id));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(applications(id)).isEqualTo(1);
        // Another consumer keeps its own record of what it processed.
        assertThat(inbox.processOnce("audit", id, c -> null)).isTrue();
    }

    @Test
    void concurrentDeliveriesOfOneMessageApplyItOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return inbox.processOnce("stock", id, c -> apply(c, id));
                }));
            }
            start.countDown();
            int ran = 0;
            for (Future<Boolean> result : results) {
                ran += result.get() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(applications(id)).isEqualTo(1);
    }

    @Test
    void aFailedApplicationIsNotRecordedSoItIsRetried() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThatThrownBy(() -> inbox.processOnce("stock", id, c -> {
            apply(c, id);
            throw new IllegalStateException("crash mid-processing");
        })).hasMessageContaining("crash");
        assertThat(applications(id)).isZero();

        assertThat(inbox.processOnce("stock", id, c -> apply(c, id))).isTrue();
        assertThat(applications(id)).isEqualTo(1);
    }

    @Test
    void anInboxWaitsOutADatabaseOutageWithinItsPatienceAndGivesUpAfterIt() throws Exception {
        Inbox patient = new Inbox(fixture.dataSource, Duration.ofSeconds(30));
        String id = UUID.randomUUID().toString();
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        fixture.database.refuse();
        try {
            // No patience: the outage is told apart from a failure of the work, at once.
            assertThatThrownBy(() -> inbox.processOnce("stock", id, c -> apply(c, id)))
                    .isInstanceOf(DatabaseUnavailable.class);
            Future<Boolean> applied = consumer.submit(() -> patient.processOnce("stock", id, c -> apply(c, id)));
            Thread.sleep(3_000); // longer than the first pauses: it has failed a few times by now
            assertThat(applied).isNotDone();
            fixture.database.accept();
            assertThat(applied.get(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            fixture.database.accept();
            consumer.shutdownNow();
        }
        assertThat(applications(id)).isEqualTo(1);

        // A failure of the work itself is not waited out, however patient the inbox.
        String broken = UUID.randomUUID().toString();
        long started = System.nanoTime();
        assertThatThrownBy(() -> patient.processOnce("stock", broken, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO no_such_table VALUES (1)");
            }
            return null;
        })).isInstanceOf(EventStoreException.class).isNotInstanceOf(DatabaseUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        // Beyond its patience it gives up with the outage as the reason.
        Inbox brief = new Inbox(fixture.dataSource, Duration.ofMillis(800));
        fixture.database.refuse();
        try {
            started = System.nanoTime();
            assertThatThrownBy(() -> brief.processOnce("stock", broken, c -> apply(c, broken)))
                    .isInstanceOf(DatabaseUnavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(5));
        } finally {
            fixture.database.accept();
        }
        assertThat(applications(broken)).isZero();
    }

    private static Void apply(Connection c, String id) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO applied (message_id, amount) VALUES (?, 1)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
        return null;
    }

    private static int applications(String id) throws Exception {
        try (Connection c = fixture.dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT count(*) FROM applied WHERE message_id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
