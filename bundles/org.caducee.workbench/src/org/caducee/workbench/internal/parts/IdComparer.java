package org.caducee.workbench.internal.parts;

import java.util.Objects;
import java.util.function.Function;

import org.eclipse.jface.viewers.IElementComparer;

/**
 * Viewers compare rows by identifier: an updated patient or document stays the same row (selection kept), and the
 * UI thread never runs the deep {@code equals} of the domain records.
 */
final class IdComparer<T> implements IElementComparer {

    private final Class<T> type;
    private final Function<T, Object> id;

    IdComparer(Class<T> type, Function<T, Object> id) {
        this.type = type;
        this.id = id;
    }

    @Override
    public boolean equals(Object a, Object b) {
        if (type.isInstance(a) && type.isInstance(b)) {
            return Objects.equals(id.apply(type.cast(a)), id.apply(type.cast(b)));
        }
        return Objects.equals(a, b);
    }

    @Override
    public int hashCode(Object element) {
        return type.isInstance(element) ? Objects.hashCode(id.apply(type.cast(element))) : Objects.hashCode(element);
    }
}
