package io.waybill.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waybill.eventstore.StoreFixture.CounterEvent;
import io.waybill.eventstore.StoreFixture.Incremented;
import io.waybill.eventstore.StoreFixture.Reset;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventStoreTest {

    static StoreFixture fixture;
    static final EventMetadata META = EventMetadata.of("acme", "corr-1", null);

    @BeforeAll
    static void setUp() {
        fixture = new StoreFixture();
    }

    @AfterAll
    static void tearDown() {
        fixture.close();
    }

    @Test
    void appendsLoadsAndFoldsAStream() {
        String stream = "counter-" + System.nanoTime();
        long v1 = fixture.store.append(stream, "counter", EventStore.NO_STREAM,
                List.<CounterEvent>of(new Incremented(stream, 2), new Incremented(stream, 3)), fixture.codec, META);
        long v2 = fixture.store.append(stream, "counter", v1, List.<CounterEvent>of(new Reset(stream), new Incremented(stream, 7)),
                fixture.codec, META);

        assertThat(v1).isEqualTo(2);
        assertThat(v2).isEqualTo(4);
        List<StoredEvent> events = fixture.store.load(stream);
        assertThat(events).extracting(StoredEvent::eventType).containsExactly("Incremented", "Incremented", "Reset", "Incremented");
        assertThat(events).extracting(StoredEvent::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.get(0).metadata().tenantId()).isEqualTo("acme");
        assertThat(events.get(0).metadata().correlationId()).isEqualTo("corr-1");

        StreamState<Integer> state = fixture.store.fold(stream, fixture.codec, 0, StoreFixture::evolve);
        assertThat(state.state()).isEqualTo(7);
        assertThat(state.version()).isEqualTo(4);
    }

    @Test
    void aStaleExpectedVersionIsATypedConflict() {
        String stream = "counter-" + System.nanoTime();
        fixture.store.append(stream, "counter", 0, List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec, META);

        assertThatThrownBy(() -> fixture.store.append(stream, "counter", 0,
                List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec, META))
                .isInstanceOf(ConcurrencyConflict.class)
                .hasMessageContaining(stream);
        assertThat(fixture.store.load(stream)).hasSize(1);
    }

    @Test
    void ofConcurrentAppendsAtOneVersionExactlyOneWins() throws Exception {
        int writers = 8;
        for (int round = 0; round < 5; round++) {
            String stream = "race-" + round + "-" + System.nanoTime();
            fixture.store.append(stream, "counter", 0, List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec, META);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger conflicts = new AtomicInteger();
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int by = w + 10;
                tasks.add(() -> {
                    start.await();
                    try {
                        fixture.store.append(stream, "counter", 1, List.<CounterEvent>of(new Incremented(stream, by)),
                                fixture.codec, META);
                        return true;
                    } catch (ConcurrencyConflict conflict) {
                        conflicts.incrementAndGet();
                        return false;
                    }
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (Callable<Boolean> task : tasks) {
                    results.add(pool.submit(task));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> result : results) {
                    wins += result.get() ? 1 : 0;
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
                assertThat(conflicts.get()).isEqualTo(writers - 1);
                assertThat(fixture.store.load(stream)).hasSize(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void handleFoldsDecidesAndAppendsAtTheReadVersion() {
        String stream = "counter-" + System.nanoTime();
        Decision<Integer, CounterEvent> first = Transactions.inTransaction(fixture.dataSource, c -> fixture.store.handle(c,
                stream, "counter", fixture.codec, 0, StoreFixture::evolve,
                total -> List.of(new Incremented(stream, 5)), META));
        Decision<Integer, CounterEvent> second = Transactions.inTransaction(fixture.dataSource, c -> fixture.store.handle(c,
                stream, "counter", fixture.codec, 0, StoreFixture::evolve,
                total -> total > 3 ? List.of(new Reset(stream)) : List.of(), META));

        assertThat(first.state()).isEqualTo(5);
        assertThat(second.events()).containsExactly(new Reset(stream));
        assertThat(second.state()).isZero();
        assertThat(second.version()).isEqualTo(2);
    }

    @Test
    void aTransactionOlderThanTheStreamsLastWriterRetriesSoTheLogKeepsStreamOrder() throws Exception {
        String stream = "counter-" + System.nanoTime();
        try (Connection older = fixture.dataSource.getConnection(); Statement s = older.createStatement()) {
            older.setAutoCommit(false);
            s.execute("SELECT pg_current_xact_id()"); // e.g. an inbox claim: this transaction now has the lower id
            fixture.store.append(stream, "counter", 0, List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec, META);

            assertThatThrownBy(() -> fixture.store.append(older, stream, "counter", 1,
                    List.<CounterEvent>of(new Incremented(stream, 2)), fixture.codec, META))
                    .isInstanceOf(ConcurrencyConflict.class);
            older.rollback();
        }
        // A retry runs in a new, younger transaction and succeeds.
        assertThat(fixture.store.append(stream, "counter", 1, List.<CounterEvent>of(new Incremented(stream, 2)), fixture.codec,
                META)).isEqualTo(2);
    }

    @Test
    void historyIsAppendOnly() throws Exception {
        String stream = "counter-" + System.nanoTime();
        fixture.store.append(stream, "counter", 0, List.<CounterEvent>of(new Incremented(stream, 1)), fixture.codec, META);
        try (Connection c = fixture.dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE es_events SET event_type = 'X' WHERE stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM es_events WHERE stream_id = '" + stream + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(fixture.store.load(stream)).hasSize(1);
    }
}
