package org.ptreplay.spi.loader;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ptreplay.spi.Provider;
import org.ptreplay.spi.Spi;
import org.ptreplay.spi.Strategy;

/**
 * The rules every provider must meet before it is used, each broken rule one reason: the only
 * copy of the SPI-version and name rules (issue 14).
 */
final class ProviderRules {

    private static final Pattern SPI_VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private ProviderRules() {
    }

    static Optional<String> check(Provider provider, ProviderIdentity id) {
        // The SPI version first: a plugin built for another major version may fail in any other call.
        Matcher v = SPI_VERSION.matcher(id.spiVersion());
        if (!v.matches()) {
            return Optional.of("declares SPI version \"" + id.spiVersion() + "\", which is not MAJOR.MINOR");
        }
        if (!v.group(1).equals(String.valueOf(Spi.MAJOR))) {
            return Optional.of("built for SPI " + id.spiVersion() + ", this ptreplay has SPI " + Spi.VERSION);
        }
        if (!Provider.NAME.matcher(id.name()).matches()) {
            return Optional.of("invalid name \"" + id.name() + "\": a name has lowercase letters, digits,"
                    + " '-', '.', '/' and '+', and starts with a letter or digit");
        }
        if (provider instanceof Strategy) {
            String prefix = id.path().prefix() + "/";
            if (!id.name().startsWith(prefix) || id.name().length() == prefix.length()) {
                return Optional.of("invalid name \"" + id.name() + "\": a " + id.path().prefix()
                        + " strategy is named " + prefix + "<variant>");
            }
        }
        return Optional.empty();
    }
}
