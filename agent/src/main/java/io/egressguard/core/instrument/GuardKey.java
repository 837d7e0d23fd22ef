package io.egressguard.core.instrument;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an advice parameter that receives this JVM's capability key as a constant, baked into the
 * woven bytecode. Woven code passes it with each request; the engine injects credentials only into
 * requests that carry it, so application code calling the public bootstrap hooks cannot obtain one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface GuardKey {}
