package io.egressguard.core.instrument;

import io.egressguard.core.Reporter;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * The agent's only {@link ClassFileTransformer}. For every class the JVM loads it does one hash
 * lookup of the class name; only the handful of classes that an {@link Instrumentation} names are
 * woven, with Byte Buddy {@link Advice}. An application that uses none of the guarded libraries pays
 * that lookup and nothing else.
 *
 * <p>Weaving never changes a class's shape (no new fields or methods), so classes loaded before the
 * agent can be retransformed in place. If weaving a class fails, that library is reported as not
 * guarded and the class is left exactly as it was.
 */
public final class Weaver implements ClassFileTransformer {

    private final java.lang.instrument.Instrumentation inst;
    private final ClassLoader agentLoader;
    private final Reporter reporter;
    private final InstrumentationStatus status;
    private final HelperInjector helpers;
    private final ModuleAccess modules;
    private final Map<String, List<Target>> targets = new HashMap<>();
    private final ThreadLocal<Boolean> weaving = new ThreadLocal<>();
    private final long capabilityKey;

    private static final class Target {
        final Instrumentation owner;
        final TypeAdvice type;

        Target(Instrumentation owner, TypeAdvice type) {
            this.owner = owner;
            this.type = type;
        }
    }

    public Weaver(java.lang.instrument.Instrumentation inst, ClassLoader agentLoader, Reporter reporter,
            InstrumentationStatus status, List<Instrumentation> instrumentations, long capabilityKey) {
        this.inst = inst;
        this.capabilityKey = capabilityKey;
        this.agentLoader = agentLoader;
        this.reporter = reporter;
        this.status = status;
        this.modules = new ModuleAccess(inst);
        this.helpers = new HelperInjector(agentLoader, modules);
        for (Instrumentation i : instrumentations) {
            status.armed(i.name());
            for (TypeAdvice t : i.types()) {
                targets.computeIfAbsent(t.internalName(), k -> new ArrayList<>()).add(new Target(i, t));
            }
        }
    }

    /** Registers the transformer and retransforms target classes that are already loaded. */
    public void install() {
        checkApplicationClassPath();
        inst.addTransformer(this, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (targets.containsKey(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        for (Class<?> c : loaded) {
            try {
                inst.retransformClasses(c);
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                for (Target t : targets.get(c.getName().replace('.', '/'))) {
                    fail(t.owner, c.getName(), e);
                }
            }
        }
    }

    /**
     * Looks, before anything is loaded, at the target classes the application's class path holds, and
     * checks that each still has the methods its advice needs. A library whose shape the agent does not
     * expect is then reported at start-up (and named in the start-up line) rather than when the application
     * first uses it. Only reads class files; loads nothing. Classes of other class loaders (a fat jar's,
     * an application server's) are checked when they load, as before.
     */
    private void checkApplicationClassPath() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        TypePool pool = TypePool.Default.of(ClassFileLocator.ForClassLoader.of(system));
        for (Map.Entry<String, List<Target>> e : targets.entrySet()) {
            String internalName = e.getKey();
            if (internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                    || system.getResource(internalName + ".class") == null) {
                continue; // the JDK's own classes are checked when woven; an absent library needs nothing
            }
            String typeName = internalName.replace('/', '.');
            for (Target t : e.getValue()) {
                if (status.isFailed(t.owner.name())) {
                    continue;
                }
                try {
                    TypeDescription type = pool.describe(typeName).resolve();
                    for (TypeAdvice.MethodAdvice m : t.type.advice()) {
                        if (type.getDeclaredMethods().filter(m.methods).isEmpty()) {
                            throw new IllegalStateException(typeName + " has no " + m.description + "; "
                                    + t.owner.unsupportedHint());
                        }
                    }
                } catch (RuntimeException | LinkageError problem) {
                    fail(t.owner, typeName, problem);
                }
            }
        }
    }

    public ModuleAccess modules() {
        return modules;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        List<Target> forClass = targets.get(className);
        if (forClass == null || weaving.get() != null || loader == agentLoader) {
            return null;
        }
        weaving.set(Boolean.TRUE);
        try {
            return weave(module, loader, className.replace('/', '.'), classfileBuffer, forClass);
        } finally {
            weaving.remove();
        }
    }

    private byte[] weave(Module module, ClassLoader loader, String typeName, byte[] bytes, List<Target> forClass) {
        // Everything for one library succeeds or nothing is changed.
        Map<Instrumentation, List<TypeAdvice>> byOwner = new LinkedHashMap<>();
        for (Target t : forClass) {
            if (!status.isFailed(t.owner.name())) {
                byOwner.computeIfAbsent(t.owner, k -> new ArrayList<>()).add(t.type);
            }
        }
        byte[] current = bytes;
        for (Map.Entry<Instrumentation, List<TypeAdvice>> e : byOwner.entrySet()) {
            Instrumentation owner = e.getKey();
            try {
                if (loader != null && !owner.helperClasses().isEmpty()) {
                    helpers.inject(loader, owner.helperClasses());
                }
                if (module != null && module.isNamed()) {
                    modules.letReadBootstrap(module);
                }
                current = weaveOne(owner, loader, typeName, current, e.getValue());
                status.applied(owner.name(), typeName);
            } catch (Throwable t) {
                fail(owner, typeName, t);
                return null; // leave the class exactly as it was
            }
        }
        return current;
    }

    private byte[] weaveOne(Instrumentation owner, ClassLoader loader, String typeName, byte[] bytes,
            List<TypeAdvice> types) {
        ClassFileLocator targetLocator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(typeName, bytes),
                loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader));
        ClassFileLocator adviceLocator = new ClassFileLocator.Compound(
                ClassFileLocator.ForClassLoader.of(agentLoader), targetLocator);
        TypePool targetPool = TypePool.Default.of(targetLocator);
        TypePool advicePool = TypePool.Default.of(adviceLocator);
        TypeDescription type = targetPool.describe(typeName).resolve();
        DynamicType.Builder<?> builder = new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(type, targetLocator);
        for (TypeAdvice t : types) {
            for (TypeAdvice.MethodAdvice m : t.advice()) {
                if (type.getDeclaredMethods().filter(m.methods).isEmpty()) {
                    throw new IllegalStateException(typeName + " has no " + m.description + "; " + owner.unsupportedHint());
                }
                TypeDescription adviceType = advicePool.describe(m.adviceClass).resolve();
                builder = builder.visit(Advice.withCustomMapping().bind(GuardKey.class, capabilityKey)
                        .to(adviceType, adviceLocator).on(m.methods));
            }
        }
        return builder.make().getBytes();
    }

    private void fail(Instrumentation owner, String typeName, Throwable t) {
        reporter.debugTrace(t);
        if (status.failed(owner.name(), typeName, t)) {
            if (owner.startupGroup().equals("tools")) {
                reporter.warn(owner.name() + " NOT recognised: weaving " + typeName + " failed (" + describe(t)
                        + "). Requests made by these tools carry no tool context, so a rule that grants a secret"
                        + " to them does not apply.");
            } else if (owner.isSink()) {
                reporter.warn(owner.name() + " output is NOT redacted: weaving " + typeName + " failed ("
                        + describe(t) + ").");
            } else {
                reporter.warn(owner.name() + " is NOT guarded: weaving " + typeName + " failed (" + describe(t)
                        + "). Requests it sends keep their handles, which are inert: they will fail to authenticate"
                        + " but leak nothing.");
            }
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m));
    }
}
