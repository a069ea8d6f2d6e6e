/** Wire: exact match sets and optimal sidecar placement (spec §5). Entry point: {@link org.wire.placement.Wire}. */
package org.wire.placement;
