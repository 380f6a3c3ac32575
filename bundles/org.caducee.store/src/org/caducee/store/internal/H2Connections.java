package org.caducee.store.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The pool of embedded H2 connections (ADR 0018): open physical connections lent to one caller at a time, at most
 * {@code max} at once. A handle given back with an open transaction (auto-commit off) is rolled back and put back in
 * auto-commit, like H2's own pool; one in auto-commit has nothing to undo and is not rolled back: H2's pool rolls back
 * every handle it takes back, and a rollback makes the session's compiled statements unusable, so every statement
 * was parsed and planned again at each use. A connection that fails while being given back is closed.
 */
final class H2Connections {

    private final JdbcDataSource source;
    private final Semaphore permits;
    /** Idle connections, the last given back first. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final long timeoutSeconds;
    private volatile boolean disposed;

    H2Connections(JdbcDataSource source, int max, long timeoutSeconds) {
        this.source = source;
        this.permits = new Semaphore(max, true);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A handle on a pooled connection; closing it gives the connection back. */
    Connection getConnection() throws SQLException {
        if (disposed) {
            throw new SQLException("pool closed", "08003");
        }
        try {
            if (!permits.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new SQLException("Login timeout", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", "08001", e);
        }
        Connection physical = idle.pollFirst();
        if (physical == null) {
            try {
                physical = source.getConnection();
            } catch (SQLException | RuntimeException | Error e) {
                permits.release();
                throw e;
            }
        }
        return (Connection) Proxy.newProxyInstance(H2Connections.class.getClassLoader(), new Class<?>[] { Connection.class },
                new Handle(physical));
    }

    /** Closes the idle connections; those lent are closed when given back. */
    void dispose() {
        disposed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private void giveBack(Connection physical) {
        boolean reusable;
        try {
            if (!physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            reusable = !physical.isClosed();
        } catch (SQLException | RuntimeException e) {
            reusable = false;
        }
        if (reusable && !disposed) {
            idle.offerFirst(physical);
            if (disposed) {
                dispose();
            }
        } else {
            closeQuietly(physical);
        }
        permits.release();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // already broken: nothing more to release
        }
    }

    /** One lending: every call goes to the physical connection until {@code close}. */
    private final class Handle implements InvocationHandler {

        private final Connection physical;
        private final AtomicBoolean closed = new AtomicBoolean();

        Handle(Connection physical) {
            this.physical = physical;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
            case "close":
                if (method.getParameterCount() == 0) {
                    if (closed.compareAndSet(false, true)) {
                        giveBack(physical);
                    }
                    return null;
                }
                break;
            case "isClosed":
                if (method.getParameterCount() == 0) {
                    return closed.get() || physical.isClosed();
                }
                break;
            case "equals":
                if (method.getParameterCount() == 1) {
                    return proxy == args[0];
                }
                break;
            case "hashCode":
                if (method.getParameterCount() == 0) {
                    return System.identityHashCode(proxy);
                }
                break;
            case "toString":
                if (method.getParameterCount() == 0) {
                    return "pooled " + physical;
                }
                break;
            default:
                break;
            }
            if (closed.get()) {
                throw new SQLException("connection closed", "08003");
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
