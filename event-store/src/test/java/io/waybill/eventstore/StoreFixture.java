package io.waybill.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.waybill.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** A migrated event store on a fresh database of the real PostgreSQL. */
final class StoreFixture implements AutoCloseable {

    sealed interface CounterEvent permits Incremented, Reset {
    }

    record Incremented(String counterId, int by) implements CounterEvent {
    }

    record Reset(String counterId) implements CounterEvent {
    }

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final TestDatabase database = TestDatabase.create("waybill_es_test");
    final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    final EventStore store;
    final EventCodec<CounterEvent> codec = EventCodec.forSealed(CounterEvent.class, MAPPER);

    StoreFixture() {
        dataSource.setURL(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        store = new EventStore(dataSource, MAPPER);
    }

    static int evolve(int total, CounterEvent event) {
        return switch (event) {
            case Incremented incremented -> total + incremented.by();
            case Reset reset -> 0;
        };
    }

    @Override
    public void close() {
        database.close();
    }
}
