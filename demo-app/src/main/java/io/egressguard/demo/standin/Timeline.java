package io.egressguard.demo.standin;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which step of the scripted conversation is under way, so that every stand-in can file what it
 * receives under that step. The OpenAI stand-in moves it forward each time the model answers; the
 * application works strictly in turn (model, then tools, then model), so everything the other
 * stand-ins receive in between belongs to the step of the model's last answer.
 */
public final class Timeline {

    private final AtomicInteger step = new AtomicInteger();

    public int step() {
        return step.get();
    }

    void startStep(int n) {
        step.set(n);
    }
}
