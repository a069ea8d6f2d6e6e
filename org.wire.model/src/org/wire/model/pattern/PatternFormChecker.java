package org.wire.model.pattern;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.wire.model.pattern.PatternNode.Alternation;
import org.wire.model.pattern.PatternNode.AnyService;
import org.wire.model.pattern.PatternNode.Group;
import org.wire.model.pattern.PatternNode.MeshWide;
import org.wire.model.pattern.PatternNode.Repeat;
import org.wire.model.pattern.PatternNode.Sequence;
import org.wire.model.pattern.PatternNode.Service;
import org.wire.model.pattern.PatternNode.ServiceSet;

/**
 * Decides a pattern's form: it must end in a concrete service (ingress form) or in a
 * concrete service followed by a single '.' (egress form), or be the lone '*'. Anything
 * else leaves the sidecar side undetermined and is an error.
 */
public final class PatternFormChecker {
    /** Either a form or the reason there is none. */
    public sealed interface Result {
        record Valid(PatternForm form) implements Result {}

        record Invalid(PatternFormError error) implements Result {}
    }

    private PatternFormChecker() {}

    public static Result check(ContextPattern pattern) {
        if (pattern.root() instanceof MeshWide) {
            return new Result.Valid(new PatternForm(PatternForm.Kind.MESH_WIDE, new TreeSet<>()));
        }
        try {
            return new Result.Valid(formOf(pattern.root(), pattern.text()));
        } catch (FormException e) {
            return new Result.Invalid(e.error);
        }
    }

    private static PatternForm formOf(PatternNode node, String text) throws FormException {
        if (node instanceof Alternation alt) {
            PatternForm first = null;
            SortedSet<String> services = new TreeSet<>();
            for (PatternNode option : alt.options()) {
                PatternForm form = formOf(option, text);
                if (first != null && first.kind() != form.kind()) {
                    throw new FormException(new PatternFormError(
                            "the alternatives of this pattern mix the ingress form ('... S') and the egress form ('... S .'); split it into two policies",
                            alt.start(), alt.end() - alt.start(), Optional.empty()));
                }
                first = form;
                services.addAll(form.services());
            }
            return new PatternForm(first.kind(), services);
        }
        List<PatternNode> items = node instanceof Sequence seq ? seq.items() : List.of(node);
        PatternNode last = items.get(items.size() - 1);
        SortedSet<String> concrete = concreteServices(last);
        if (concrete != null) {
            return new PatternForm(PatternForm.Kind.INGRESS, concrete);
        }
        if (last instanceof Group group) {
            return formOf(group.inner(), text);
        }
        if (last instanceof AnyService) {
            SortedSet<String> before = items.size() >= 2 ? concreteServices(items.get(items.size() - 2)) : null;
            if (before != null) {
                return new PatternForm(PatternForm.Kind.EGRESS, before);
            }
            // '(x a) .': a group that itself ends in a concrete service determines the source as well
            if (items.size() >= 2 && items.get(items.size() - 2) instanceof Group group) {
                try {
                    PatternForm inner = formOf(group.inner(), text);
                    if (inner.kind() == PatternForm.Kind.INGRESS) {
                        return new PatternForm(PatternForm.Kind.EGRESS, inner.services());
                    }
                } catch (FormException notConcrete) {
                    // fall through to the error about the '.'
                }
            }
            throw new FormException(new PatternFormError(
                    "a pattern may end in '.' only right after a concrete service ('S .' means COs leaving S)",
                    last.start(), last.end() - last.start(), Optional.empty()));
        }
        if (last instanceof Repeat repeat) {
            String shown = text.substring(repeat.start(), repeat.end());
            Optional<String> fix = Optional.empty();
            // 'S .*' most likely meant "COs leaving S": offer the egress form.
            if (repeat.item() instanceof AnyService && items.size() >= 2 && concreteServices(items.get(items.size() - 2)) != null) {
                fix = Optional.of(text.substring(0, repeat.start()) + "." + text.substring(repeat.end())).filter(PatternFormChecker::isValid);
            }
            throw new FormException(new PatternFormError(
                    "context pattern ends in '" + shown + "', so no sidecar side is determined; end it in a service ('... S': COs arriving at S) or in a service and '.' ('... S .': COs leaving S)",
                    repeat.start(), repeat.end() - repeat.start(), fix));
        }
        throw new IllegalStateException("unexpected pattern node " + last);
    }

    private static boolean isValid(String text) {
        try {
            return check(ContextPattern.parse(text)) instanceof Result.Valid;
        } catch (PatternSyntaxError e) {
            return false;
        }
    }

    /** The services a concrete item stands for, or null when it is not concrete. */
    static SortedSet<String> concreteServices(PatternNode node) {
        if (node instanceof Service s) {
            return new TreeSet<>(List.of(s.name()));
        }
        if (node instanceof ServiceSet set) {
            SortedSet<String> names = new TreeSet<>();
            set.members().forEach(m -> names.add(m.name()));
            return names;
        }
        if (node instanceof Group group) {
            List<PatternNode> options = group.inner() instanceof Alternation alt ? alt.options() : List.of(group.inner());
            SortedSet<String> names = new TreeSet<>();
            for (PatternNode option : options) {
                SortedSet<String> part = concreteServices(option);
                if (part == null) {
                    return null;
                }
                names.addAll(part);
            }
            return names;
        }
        return null;
    }

    private static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient PatternFormError error;

        FormException(PatternFormError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
