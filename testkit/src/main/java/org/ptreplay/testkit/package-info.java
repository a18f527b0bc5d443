/**
 * Test doubles of the SPI's page-table contexts: {@link org.ptreplay.testkit.FakePteOps} (tables as
 * arrays, folios as pfn ranges, every helper call recorded) and the move, copy and zap contexts
 * over it, a {@link org.ptreplay.testkit.FakeLedger} that fails on unbalanced frames, and
 * {@link org.ptreplay.testkit.TextFixtures} for text-form trace fixtures.
 */
package org.ptreplay.testkit;
