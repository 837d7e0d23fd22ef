/**
 * The few classes that advice woven into JDK and library classes calls. The agent jar is appended to
 * the boot class path, so these classes are visible from every class loader. They depend on nothing
 * but {@code java.base}, hold no secret, and forward every call to the engine that the core installs.
 */
package io.egressguard.bootstrap;
