package io.egressguard.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * Entry point of {@code egress-guard-agent.jar} for {@code -javaagent}, for attaching to a running JVM,
 * and for the command-line tool.
 *
 * <p>This class is loaded by the application's system class loader, so it stays tiny and touches no
 * dependency: it makes the bootstrap hooks visible to every class loader ({@link BootstrapClasses}),
 * then hands over to the core, which lives in {@link AgentClassLoader} where the application can
 * neither see nor clash with it.
 */
public final class AgentLauncher {

    private static final String CORE_INSTALLER = "io.egressguard.core.AgentInstaller";
    private static final String CORE_CLI = "io.egressguard.core.cli.Cli";

    /** Guards against a second {@code -javaagent} or attach of the same agent into one JVM. */
    private static volatile boolean started;

    private AgentLauncher() {}

    public static void premain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, true);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, false);
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("attach")) {
            Attacher.main(args, agentJar());
            return;
        }
        ClassLoader core = new AgentClassLoader(agentJar());
        Method main = core.loadClass(CORE_CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        }
    }

    private static synchronized void start(String agentArgs, Instrumentation inst, boolean atStartup) {
        if (started) {
            System.err.println("[egress-guard] already active in this JVM; ignoring the second start");
            return;
        }
        started = true;
        File jar = agentJar();
        try {
            try (JarFile jarFile = new JarFile(jar)) {
                BootstrapClasses.install(inst, jarFile);
            }
            ClassLoader core = new AgentClassLoader(jar);
            Method install = core.loadClass(CORE_INSTALLER)
                    .getMethod("install", String.class, Instrumentation.class, boolean.class, File.class);
            install.invoke(null, agentArgs, inst, atStartup, jar);
        } catch (InvocationTargetException e) {
            // The installer has already printed its one-line explanation and decided whether the JVM
            // may go on. Anything reaching here is a bug in the agent itself.
            throw rethrow(e.getCause());
        } catch (Exception e) {
            System.err.println("[egress-guard] FATAL: the agent jar " + jar + " is damaged or incomplete ("
                    + e + "); rebuild it with ./mvnw package");
            if (atStartup) {
                Runtime.getRuntime().halt(78);
            }
            throw new IllegalStateException("egress-guard could not start", e);
        }
    }

    static File agentJar() {
        try {
            return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate egress-guard-agent.jar", e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IllegalStateException(t);
    }
}
