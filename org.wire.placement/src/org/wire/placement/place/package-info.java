/** Wire placement: place. */
package org.wire.placement.place;
