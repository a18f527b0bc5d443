package org.ptreplay.strategies;

import java.util.List;
import java.util.Map;
import org.ptreplay.spi.OptionSpec;

/** A strategy's single on/off switch, parsed from the options that {@code Strategy.configure} receives. */
record OnOffOption(String name, String description) {

    OptionSpec spec() {
        return new OptionSpec(name, "off", List.of("on", "off"), description);
    }

    /**
     * The switch's value in {@code options}, off when absent.
     *
     * @throws IllegalArgumentException naming the strategy and the unknown option or bad value
     */
    boolean parse(String strategy, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals(name)) {
                throw new IllegalArgumentException(
                        "strategy " + strategy + " has no option '" + key + "'; it accepts: " + name);
            }
        }
        String value = options.getOrDefault(name, "off");
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(
                    "option " + name + " of strategy " + strategy + " must be on or off, got '" + value + "'");
        };
    }
}
