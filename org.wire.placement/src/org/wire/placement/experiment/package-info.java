/** Wire placement: experiment. */
package org.wire.placement.experiment;
