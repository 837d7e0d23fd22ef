package io.egressguard.core.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which client libraries are guarded: armed at start-up, applied once their classes load, or failed
 * (and so not guarded) with the reason. Read by the start-up line and {@code doctor}.
 */
public final class InstrumentationStatus {

    /** The state of one library. */
    public enum State { ARMED, APPLIED, FAILED }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    synchronized void armed(String name) {
        states.putIfAbsent(name, State.ARMED);
        if (!order.contains(name)) {
            order.add(name);
        }
    }

    void applied(String name, String typeName) {
        states.computeIfPresent(name, (k, v) -> v == State.FAILED ? v : State.APPLIED);
    }

    /** Returns true the first time a library fails, so the warning is printed once. */
    boolean failed(String name, String typeName, Throwable cause) {
        State before = states.put(name, State.FAILED);
        if (before != State.FAILED) {
            reasons.put(name, typeName + ": " + cause);
            return true;
        }
        return false;
    }

    public boolean isFailed(String name) {
        return states.get(name) == State.FAILED;
    }

    public synchronized Map<String, State> snapshot() {
        Map<String, State> m = new LinkedHashMap<>();
        for (String n : order) {
            m.put(n, states.get(n));
        }
        return m;
    }

    public String reason(String name) {
        return reasons.get(name);
    }
}
