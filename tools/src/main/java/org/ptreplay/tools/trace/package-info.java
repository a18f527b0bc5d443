/**
 * The trace commands ({@code summary}, {@code print}, {@code stats}, {@code check}): reading a
 * trace without the simulator.
 */
package org.ptreplay.tools.trace;
