package io.waybill.returns.returning;

import io.waybill.eventstore.Decision;
import io.waybill.eventstore.EventMetadata;
import io.waybill.eventstore.EventStore;
import io.waybill.returns.gettingreturns.ReturnViews;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The shell around {@link ReturnDecider}: fold the stream, decide, append at the read version and
 * update the view, all in the caller's transaction.
 */
@ApplicationScoped
public class ReturnCommands {

    private final EventStore store;

    public ReturnCommands(EventStore store) {
        this.store = store;
    }

    public Decision<Return, ReturnEvent> handle(Connection c, String returnId, ReturnCommand command, EventMetadata metadata)
            throws SQLException {
        Decision<Return, ReturnEvent> decision = store.handle(c, ReturnEvents.streamId(returnId), ReturnEvents.STREAM_TYPE,
                ReturnEvents.CODEC, Return.NONE, ReturnDecider::evolve, state -> ReturnDecider.decide(command, state),
                metadata);
        if (!decision.events().isEmpty()) {
            ReturnViews.save(c, decision.state(), decision.version());
        }
        return decision;
    }

    public Return load(Connection c, String returnId) throws SQLException {
        return store.fold(c, ReturnEvents.streamId(returnId), ReturnEvents.CODEC, Return.NONE, ReturnDecider::evolve).state();
    }
}
