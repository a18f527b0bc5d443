/**
 * Machine profiles: loading a {@code MachineProfileSource}, validating it, and the generated
 * schema ({@code proto}).
 */
package org.ptreplay.core.profile;
