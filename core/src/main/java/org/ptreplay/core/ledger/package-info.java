/**
 * The path ledger: exact primitive counts and picoseconds per kernel path stack and per trace
 * event.
 */
package org.ptreplay.core.ledger;
