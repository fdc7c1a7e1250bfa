package org.mptcpverify.kernel;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs code inside a named network namespace. Network namespaces are per thread in Linux, so a
 * short-lived thread calls setns(2) on {@code /run/netns/NAME}, runs the code and ends; sockets
 * it creates stay in that namespace for their whole life and can be used from any thread, while
 * every other JVM thread stays where it was.
 */
final class InNamespace {
    private InNamespace() {}

    static <T> T call(String netns, Callable<T> body) throws IOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                LibC c = LibC.INSTANCE;
                int nsfd = c.open("/run/netns/" + netns, LibC.O_RDONLY | LibC.O_CLOEXEC);
                try {
                    c.setns(nsfd, LibC.CLONE_NEWNET);
                } finally {
                    c.close(nsfd);
                }
                result.set(new Object[] {body.call()});
            } catch (Exception | LinkageError e) {
                result.set(e);
            }
        }, "netns-" + netns);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while working in netns " + netns, e);
        }
        Object r = result.get();
        if (r instanceof Object[] box) {
            @SuppressWarnings("unchecked")
            T v = (T) box[0];
            return v;
        }
        Throwable e = (Throwable) r;
        throw new IOException("in netns " + netns + ": " + e.getMessage(), e);
    }
}
