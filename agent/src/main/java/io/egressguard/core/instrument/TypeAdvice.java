package io.egressguard.core.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The advice woven into one class: pairs of (methods, advice class). */
public final class TypeAdvice {

    /** One method selection and the advice class applied to it. */
    public static final class MethodAdvice {
        final ElementMatcher<? super MethodDescription> methods;
        final String adviceClass;
        final String description;

        MethodAdvice(ElementMatcher<? super MethodDescription> methods, String adviceClass, String description) {
            this.methods = methods;
            this.adviceClass = adviceClass;
            this.description = description;
        }
    }

    private final String typeName;
    private final List<MethodAdvice> advice = new ArrayList<>();

    private TypeAdvice(String typeName) {
        this.typeName = typeName;
    }

    /** @param typeName binary name, e.g. {@code okhttp3.OkHttpClient} */
    public static TypeAdvice of(String typeName) {
        return new TypeAdvice(typeName);
    }

    /**
     * Applies {@code adviceClass} to the methods {@code methods} selects. Weaving fails (and the whole
     * library is reported as not guarded) when none is found, so a changed library shape is noticed.
     */
    public TypeAdvice advise(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass, String what) {
        advice.add(new MethodAdvice(methods, adviceClass.getName(), what));
        return this;
    }

    public String typeName() {
        return typeName;
    }

    public String internalName() {
        return typeName.replace('.', '/');
    }

    public List<MethodAdvice> advice() {
        return Collections.unmodifiableList(advice);
    }
}
