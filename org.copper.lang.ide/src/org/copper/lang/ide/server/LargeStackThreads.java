package org.copper.lang.ide.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.inject.Provider;
import com.google.inject.Singleton;

/**
 * Request threads with a large stack: parsing, linking and validating deeply nested input
 * recurses with its depth, and a {@code StackOverflowError} in a server thread would end the
 * request without a reply. The CLI runs on a 1 GiB stack for the same reason; the memory is
 * reserved, not committed, until a deep input touches it.
 */
@Singleton
public class LargeStackThreads implements Provider<ExecutorService> {
    static final long STACK_BYTES = 512L << 20;

    private ExecutorService executor;

    @Override
    public synchronized ExecutorService get() {
        if (executor == null) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(null, r, "copper-lsp-" + count.incrementAndGet(), STACK_BYTES);
                t.setDaemon(true);
                return t;
            };
            executor = Executors.newCachedThreadPool(factory);
        }
        return executor;
    }
}
