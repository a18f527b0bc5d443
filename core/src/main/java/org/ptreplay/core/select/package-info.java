/**
 * Strategy selection: turns a strategy argument ({@code linux-6.16+move-ptes/folio-batch}) into
 * the configured strategy of every kernel path, the arch options and the kernel configuration of
 * one replay cell. See {@link org.ptreplay.core.select.StrategySelector} for the grammar.
 */
package org.ptreplay.core.select;
