package org.ptreplay.spi.loader;

import java.nio.file.Path;
import org.ptreplay.trace.Printable;

/** Where a provider came from. */
public sealed interface Origin {

    Origin BUILT_IN = new BuiltIn();

    /** {@code built-in}, or the plugin jar's path. */
    String describe();

    /** Shipped with ptreplay: a module of the boot layer (or the class path). */
    record BuiltIn() implements Origin {
        @Override
        public String describe() {
            return "built-in";
        }
    }

    /** A third-party jar from a plugin directory, loaded into a module layer of its own. */
    record PluginJar(Path jar) implements Origin {
        @Override
        public String describe() {
            // A file name may hold a newline or an escape as well as a description can.
            return Printable.of(jar.toString());
        }
    }
}
