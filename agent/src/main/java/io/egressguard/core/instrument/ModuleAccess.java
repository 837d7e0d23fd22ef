package io.egressguard.core.instrument;

import io.egressguard.bootstrap.Guard;
import java.util.Map;
import java.util.Set;

/**
 * Opens the module edges the agent needs, and nothing else: JDK modules whose classes get advice must
 * read the bootstrap hooks, and the core must reach the JDK internals its adapters read.
 */
public final class ModuleAccess {

    private final java.lang.instrument.Instrumentation inst;
    private final Module bootstrapModule = Guard.class.getModule();
    private final Module coreModule = ModuleAccess.class.getModule();

    ModuleAccess(java.lang.instrument.Instrumentation inst) {
        this.inst = inst;
    }

    /** Lets code woven into {@code module} call the bootstrap hooks. */
    void letReadBootstrap(Module module) {
        if (!module.canRead(bootstrapModule)) {
            inst.redefineModule(module, Set.of(bootstrapModule), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    /** Opens a package of a JDK module to the core, for its adapters' private access. */
    public void openToCore(Module module, String... packages) {
        java.util.Map<String, Set<Module>> opens = new java.util.HashMap<>();
        for (String p : packages) {
            if (module.getPackages().contains(p) && !module.isOpen(p, coreModule)) {
                opens.put(p, Set.of(coreModule));
            }
        }
        if (!opens.isEmpty()) {
            inst.redefineModule(module, Set.of(), Map.of(), opens, Set.of(), Map.of());
        }
    }

    Module coreModule() {
        return coreModule;
    }
}
