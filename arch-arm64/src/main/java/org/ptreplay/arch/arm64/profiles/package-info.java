/**
 * The bundled arm64 machine profiles: one provider class per {@code NAME.txtpb} resource of this
 * package (docs/profiles.md).
 */
package org.ptreplay.arch.arm64.profiles;
