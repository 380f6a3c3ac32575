package org.caducee.mss;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.concurrent.Callable;

import org.eclipse.angus.activation.MailcapRegistryProviderImpl;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Runs Jakarta Mail / Activation code in OSGi without relying on SPI Fly: the few {@code ServiceLoader} lookups they
 * make (stream provider, mailcap registry) run with a context class loader that sees Angus Mail and Angus
 * Activation. Use it around building, parsing and writing messages.
 */
public final class MailRuntime {

    private static final ClassLoader LOADER = new Composite(IMAPStore.class.getClassLoader(), MailcapRegistryProviderImpl.class.getClassLoader());

    private MailRuntime() {
    }

    /** Runs {@code work} with the mail class loader as the thread context class loader. */
    public static <T> T call(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(LOADER);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Angus Mail first, then Angus Activation. */
    private static final class Composite extends ClassLoader {

        private final ClassLoader second;

        Composite(ClassLoader first, ClassLoader second) {
            super(first);
            this.second = second;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            return second.loadClass(name);
        }

        @Override
        protected URL findResource(String name) {
            return second.getResource(name);
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return second.getResources(name);
        }
    }
}
