package org.ptreplay.spi;

import java.util.List;
import java.util.Objects;

/**
 * One option a provider accepts ({@code contpte=basic}, {@code size=1G}).
 *
 * @param name         option name
 * @param defaultValue value when not given
 * @param allowed      the values allowed, or empty for free-form values
 * @param description  one line
 */
public record OptionSpec(String name, String defaultValue, List<String> allowed, String description) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(description, "description");
    }
}
