package io.egressguard.launcher;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.File;
import java.io.IOException;

/** {@code java -jar egress-guard-agent.jar attach <pid> [options]}: loads the agent into a running JVM. */
final class Attacher {

    private Attacher() {}

    static void main(String[] args, File agentJar) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: java -jar egress-guard-agent.jar attach <pid> [rules=PATH,store=PATH,...]");
            System.exit(64);
        }
        String pid = args[1];
        String options = args.length == 3 ? args[2] : "";
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            System.err.println("egress-guard: cannot attach to JVM " + pid + ": " + e.getMessage()
                    + " (is the process a JVM run by the same user, started without -XX:+DisableAttachMechanism?)");
            System.exit(1);
            return;
        }
        try {
            vm.loadAgent(agentJar.getAbsolutePath(), options);
            System.out.println("egress-guard: attached to JVM " + pid);
        } catch (AgentInitializationException e) {
            System.err.println("egress-guard: the agent refused to start in JVM " + pid
                    + "; its standard error says why (" + e.getMessage() + ")");
            System.exit(1);
        } catch (AgentLoadException | IOException e) {
            System.err.println("egress-guard: could not load the agent into JVM " + pid + ": " + e.getMessage());
            System.exit(1);
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the target may already be gone; nothing more to do
            }
        }
    }
}
