package org.ldapscim.bridge.testsupport;

import ch.qos.logback.core.PropertyDefinerBase;

/** logback-test.xml's file for this JVM: {@code <test-logs>/jvm-<pid>.log}, see {@link TestLogs}. */
public final class JvmLogFile extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        return TestLogs.directory().resolve("jvm-" + ProcessHandle.current().pid() + ".log").toString();
    }
}
