package org.ldapscim.bridge.journal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One instance's claim on purging one account (see {@link DueDeprovisions#claim}): the open transaction that
 * marks the row {@code PURGED}. {@link #commit()} once the entry is gone; {@link #close()} without it undoes
 * the mark. Used by one thread.
 */
public final class PurgeClaim implements AutoCloseable {
    private final Connection connection;
    private final long id;
    private boolean finished;

    PurgeClaim(Connection connection, long id) {
        this.connection = connection;
        this.id = id;
    }

    /** Makes the row {@code PURGED} for everyone. */
    public void commit() {
        if (finished) {
            throw new IllegalStateException("the claim on offboarding record " + id + " has ended");
        }
        finished = true;
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new JournalException("Cannot record offboarding record " + id + " as purged: " + e.getMessage(), e);
        } finally {
            giveBack(connection);
        }
    }

    /** Leaves the row {@code DEPROVISIONED} unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        if (!finished) {
            finished = true;
            abandon(connection);
        }
    }

    static void abandon(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            // Closing the connection ends the transaction all the same.
        }
        giveBack(connection);
    }

    private static void giveBack(Connection connection) {
        try {
            // A pooled connection goes back to the pool in auto-commit, as its other users expect it.
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The pool resets or evicts the connection itself.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing more to undo.
        }
    }
}
