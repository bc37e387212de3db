package nl.opvang.hub.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import nl.opvang.gateway.Reply;
import nl.opvang.protocol.Payload;

/**
 * What the holds feature does with node messages (docs/DESIGN.md §3, §4): answers and check-ins naming a hold are
 * applied in the same transaction as the events; the nodes' facts overrule holds they contradict; requested holds are
 * re-sent after a node's birth and when it comes back online.
 */
public interface HoldHook {
    /** No holds feature: events about holds are stored and change nothing. */
    HoldHook NONE = new HoldHook() {
        @Override
        public Work begin() {
            return new Work() {
                @Override
                public void event(Connection connection, String node, Payload payload, long atMs) {
                    // Nothing holds places.
                }

                @Override
                public List<Reply> reconcile(Connection connection, Set<String> nodes, Set<String> births) {
                    return List.of();
                }

                @Override
                public void committed() {
                    // Nothing to publish.
                }
            };
        }

        @Override
        public void online(String site, String node) {
            // Nothing to re-send.
        }
    };

    /** Starts the work of one ingest transaction. */
    Work begin();

    /** A node's online status was stored: send it what it has not answered yet. */
    void online(String site, String node);

    /** One ingest transaction's part in holds. */
    interface Work {
        /** An applied (not refused) event of {@code node}, inside the transaction. */
        void event(Connection connection, String node, Payload payload, long atMs) throws SQLException;

        /**
         * After the batch's place states are written, inside the transaction: {@code nodes} sent events, {@code births}
         * sent a birth. Returns commands to publish after the commit.
         */
        List<Reply> reconcile(Connection connection, Set<String> nodes, Set<String> births) throws SQLException;

        /** The transaction committed: publish what changed. Not called when it rolled back. */
        void committed();
    }
}
