/**
 * Contract suites: abstract JUnit classes that every strategy ({@link
 * org.ptreplay.testkit.contract.StrategyContractTest}) and every machine-profile source ({@link
 * org.ptreplay.testkit.contract.ProfileSourceContractTest}) extends in its own tests, built-in or
 * third-party alike.
 */
package org.ptreplay.testkit.contract;
