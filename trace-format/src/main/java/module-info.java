// protobuf-java, commons-compress, zstd-jni and xz are automatic modules (no module-info of their
// own), and javac warns that an automatic module's name may change; protobuf's generated types are
// in this module's API, so it is required transitively.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.ptreplay.trace {
    requires transitive com.google.protobuf;
    requires org.apache.commons.compress;
    requires com.github.luben.zstd_jni;   // commons-compress "requires static" these: a static requirement is
    requires org.tukaani.xz;              // only resolved at run time if some module requires it for real
    exports org.ptreplay.trace;
    exports org.ptreplay.trace.proto;      // generated code: must be exported or toString/TextFormat break
    exports org.ptreplay.trace.importer;
}
