package org.ptreplay.spi.loader;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ptreplay.spi.KernelPath;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Strategy;
import org.ptreplay.trace.Printable;

/**
 * What a provider says about itself, read once, defensively: it is third-party code. Its text is
 * kept {@link Printable}.
 *
 * @param path the strategy's kernel path, or null for other kinds
 */
record ProviderIdentity(String name, String description, String version, String spiVersion, KernelPath path) {

    /** A provider lacks an SPI method, or a provider method threw or returned null. */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message) {
            super(message);
        }
    }

    static ProviderIdentity read(Provider p) throws UnreadableException {
        checkShape(p.getClass());
        return new ProviderIdentity(
                Printable.of(call("name", p::name)),
                Printable.of(call("description", p::description)),
                Printable.of(call("version", p::version)),
                Printable.of(call("spiVersion", p::spiVersion)),
                p instanceof Strategy s ? call("path", s::path) : null);
    }

    /**
     * A class compiled against another shape of the SPI may leave an abstract method of today's
     * interfaces unimplemented; the JVM loads it and fails only when that method is called
     * (AbstractMethodError, in the middle of a replay). {@link Class#getMethods} keeps an
     * interface's abstract method only where no class or default method overrides it.
     */
    private static void checkShape(Class<?> type) throws UnreadableException {
        List<String> missing = Arrays.stream(type.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .map(ProviderIdentity::signature)
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new UnreadableException("built against another shape of the SPI: it does not implement "
                    + String.join(", ", missing));
        }
    }

    private static String signature(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    private static <V> V call(String method, Supplier<V> getter) throws UnreadableException {
        V value;
        try {
            value = getter.get();
        } catch (Throwable e) {
            // Errors included (issue 16, item 10): an AbstractMethodError from a plugin compiled
            // against another SPI, a StackOverflowError, an OutOfMemoryError of its own making.
            throw new UnreadableException(method + "() threw " + Printable.of(e.toString()));
        }
        if (value == null) {
            throw new UnreadableException(method + "() returned null");
        }
        return value;
    }
}
