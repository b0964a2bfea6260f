package org.gauzy.bridge.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What the service answers while its database is away: a 503 with {@code Retry-After}, at once, never a 500 that
 * reads like a bug nor a 401 that tells a client to throw its token away. Recognised wherever the failure
 * surfaces: in a handler ({@link ApiExceptionHandler}) or before one, while the sign-in is checked
 * ({@link DatabaseOutageFilter}).
 */
public final class DatabaseOutage {

    static final String MESSAGE = "The database is unavailable for a moment; nothing was changed. Try again shortly.";
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseOutage() {}

    /**
     * Whether the failure, or one of its causes, says the database could not be reached: Spring's resource
     * failures, a connection the pool could not get, SQLSTATE class 08 (connection exception), or a rollback that
     * failed for one of these and hid it.
     */
    public static boolean isOutage(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))
                    || (cause instanceof TransactionSystemException rollback
                            && isOutage(rollback.getApplicationException()))) {
                return true;
            }
        }
        return false;
    }
}
