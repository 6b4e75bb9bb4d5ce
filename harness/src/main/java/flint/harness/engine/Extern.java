package flint.harness.engine;

/** Something a module can import: a Java function or an export of another instance. */
public sealed interface Extern permits HostFunction, InstanceExport {}
