package org.wire.model.pattern;

import java.util.Optional;

/**
 * Why a pattern determines no sidecar side, positioned inside the pattern text.
 *
 * @param suggestion a replacement for the whole pattern when a fix is obvious
 */
public record PatternFormError(String message, int offset, int length, Optional<String> suggestion) {}
