package org.copper.lang.validation;

/** Issue codes: stable identifiers the IDE keys quick fixes on. */
public final class CopperIssueCodes {
    private static final String PREFIX = "org.copper.lang.";

    public static final String UNRESOLVED_NAME = PREFIX + "unresolvedName";
    public static final String PATTERN_SYNTAX = PREFIX + "patternSyntax";
    /** Data: the suggested whole pattern, if a fix is obvious. */
    public static final String PATTERN_FORM = PREFIX + "patternForm";
    /** Data: the section the action belongs in ("Egress" or "Ingress"). */
    public static final String ACTION_WRONG_SECTION = PREFIX + "actionWrongSection";
    /** Data: the section that lacks the call ("Egress" or "Ingress"). */
    public static final String ACTION_MISSING_SECTION = PREFIX + "actionMissingSection";
    public static final String WRONG_RECEIVER = PREFIX + "wrongReceiver";
    public static final String ARITY = PREFIX + "arity";
    public static final String ARGUMENT_TYPE = PREFIX + "argumentType";
    public static final String CONDITION_TYPE = PREFIX + "conditionType";
    public static final String EMPTY_POLICY = PREFIX + "emptyPolicy";
    public static final String HEADER = PREFIX + "header";
    public static final String DUPLICATE_SECTION = PREFIX + "duplicateSection";
    public static final String DUPLICATE_POLICY = PREFIX + "duplicatePolicy";
    public static final String DUPLICATE_VARIABLE = PREFIX + "duplicateVariable";
    /** Data: the unused variable's name. */
    public static final String UNUSED_STATE = PREFIX + "unusedState";
    public static final String UNRESOLVED_IMPORT = PREFIX + "unresolvedImport";
    public static final String IMPORT_CYCLE = PREFIX + "importCycle";
    public static final String IMPORT_KIND = PREFIX + "importKind";
    public static final String PARENT_CYCLE = PREFIX + "parentCycle";
    public static final String RELISTED_SIGNATURE = PREFIX + "relistedSignature";
    public static final String DUPLICATE_ANNOTATION = PREFIX + "duplicateAnnotation";
    public static final String DUPLICATE_DECLARATION = PREFIX + "duplicateDeclaration";
    public static final String SINGLE_SERVICE_PATTERN = PREFIX + "singleServicePattern";
    /** With a service graph: a service the graph does not know. Data: the closest known name, if any. */
    public static final String UNKNOWN_SERVICE = PREFIX + "unknownService";
    /** With a service graph: the context pattern matches no call of the graph. */
    public static final String MATCHES_NOTHING = PREFIX + "matchesNothing";
    /** With a service graph: one warning per group of conflicting policies. Data: the other members' names (at most ten). */
    public static final String CONFLICT = PREFIX + "conflict";
    /** A check failed inside the checker itself on this element: a bug of ours, reported so it hides nothing else. */
    public static final String CHECKER_FAULT = PREFIX + "checkerFault";

    private CopperIssueCodes() {}
}
