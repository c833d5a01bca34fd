package io.waybill.eventstore;

import java.sql.Connection;

/** Work done on one connection inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws Exception;
}
