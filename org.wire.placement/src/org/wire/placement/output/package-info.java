/** Wire placement: output. */
package org.wire.placement.output;
