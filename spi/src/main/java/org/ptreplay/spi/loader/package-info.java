/**
 * Loading providers, in the manner of Lucene's {@code NamedSPILoader}: {@link
 * org.ptreplay.spi.loader.Providers} finds them with ServiceLoader (in the boot layer, or in a
 * plugin's module layer that the caller built), checks the SPI version, the SPI shape and the name
 * rules, and looks them up by kind and name with "did you mean". A broken provider is reported in
 * one sentence and the others load.
 */
package org.ptreplay.spi.loader;
