/**
 * The {@code ptreplay} command line: one class per command (docs/cli.md).
 */
package org.ptreplay.tools;
